import { describe, expect, it } from 'vitest';
import { localizedText } from '../../../renderer/alerts/localized-text';

const alert = {
  summary: 'Disk almost full',
  description: 'Less than 5% left',
  annotations: { summary_zh: '磁盘即将写满', description_zh: '  ' },
};

describe('localizedText', () => {
  it('shows the Chinese annotation to a zh-CN reader when the alert carries one', () => {
    expect(localizedText(alert, 'summary', 'zh-CN')).toBe('磁盘即将写满');
  });

  it('falls back to the alert text in English, or when the Chinese one is missing or blank', () => {
    expect(localizedText(alert, 'summary', 'en')).toBe('Disk almost full');
    expect(localizedText(alert, 'description', 'zh-CN')).toBe('Less than 5% left');
    expect(localizedText({ ...alert, annotations: {} }, 'summary', 'zh-CN')).toBe('Disk almost full');
  });
});
