import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/i18n/messages-en';
import { zhCN } from '../../../renderer/i18n/messages-zh-cn';
import { detectLanguage, translate } from '../../../renderer/i18n/messages';

describe('i18n', () => {
  it('has the same keys, all non-empty, in both languages', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const value of [...Object.values(en), ...Object.values(zhCN)]) expect(value.trim()).not.toBe('');
  });

  it('names the severities in both languages', () => {
    const names = (language: 'en' | 'zh-CN') =>
      (['critical', 'high', 'warning', 'info'] as const).map((severity) =>
        translate(language, `severity.${severity}`),
      );
    expect(names('zh-CN')).toEqual(['致命', '严重', '预警', '提醒']);
    expect(names('en')).toEqual(['Critical', 'High', 'Warning', 'Info']);
  });

  it('fills placeholders and formats numbers for the language', () => {
    expect(translate('en', 'warRoom.alertCount', { count: 10000 })).toBe('10,000 alerts');
    expect(translate('zh-CN', 'warRoom.alertCount', { count: 3 })).toBe('3 条告警');
    expect(translate('en', 'warRoom.lastUpdated', { age: '5s' })).toBe('Updated 5s ago');
  });

  it('follows navigator.language', () => {
    expect(detectLanguage('zh-CN')).toBe('zh-CN');
    expect(detectLanguage('zh-TW')).toBe('zh-CN');
    expect(detectLanguage('en-GB')).toBe('en');
    expect(detectLanguage('de')).toBe('en');
    expect(detectLanguage(undefined)).toBe('en');
  });
});
