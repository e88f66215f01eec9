import { IntlMessageFormat } from 'intl-messageformat';
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
    expect(translate('en', 'warRoom.oldestData', { age: '5s', source: 'AM' })).toBe(
      'Oldest data 5s old — AM',
    );
  });

  it('reads plurals right in English and needs none in Chinese', () => {
    expect(translate('en', 'warRoom.alertCount', { count: 1 })).toBe('1 alert');
    expect(translate('en', 'alerts.count', { shown: 1, total: 1 })).toBe('1 of 1 alert');
    expect(translate('en', 'alerts.count', { shown: 1000, total: 12345 })).toBe('1,000 of 12,345 alerts');
    expect(translate('en', 'view.staleSources', { count: 1 })).toMatch(/^1 source is failing: its alerts/);
    expect(translate('en', 'view.staleSources', { count: 2 })).toMatch(
      /^2 sources are failing: their alerts/,
    );
    expect(translate('zh-CN', 'alerts.count', { shown: 1000, total: 12345 })).toBe('1,000 / 12,345 条告警');
  });

  it('parses every message in both languages as an ICU message', () => {
    for (const language of ['en', 'zh-CN'] as const) {
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        const template = language === 'en' ? en[key] : zhCN[key];
        expect(() => new IntlMessageFormat(template, language), `${language} ${key}`).not.toThrow();
      }
    }
  });

  it('shows the template rather than failing when a caller forgets a value', () => {
    expect(translate('en', 'warRoom.dataAge', {})).toBe('Data {age} old');
  });

  it('follows navigator.language', () => {
    expect(detectLanguage('zh-CN')).toBe('zh-CN');
    expect(detectLanguage('zh-TW')).toBe('zh-CN');
    expect(detectLanguage('en-GB')).toBe('en');
    expect(detectLanguage('de')).toBe('en');
    expect(detectLanguage(undefined)).toBe('en');
  });
});
