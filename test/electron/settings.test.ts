import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

// electron-store imports `electron` itself: vitest.config.ts inlines it so this mock reaches it.
vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectronModule());

const { openSettings } = await import('../../electron/settings.js');

const scratch = mkdtempSync(join(tmpdir(), 'cockpit-settings-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('desktop settings (electron-store)', () => {
  it('remember the window, theme, language and notification threshold across runs', () => {
    const cwd = mkdtempSync(join(scratch, 'run-'));
    const first = openSettings({ cwd });
    expect(first.get('theme')).toBe('dark');
    expect(first.get('window')).toBeUndefined();
    const window = { x: 10, y: 20, width: 1600, height: 900, maximized: false, fullScreen: true };
    first.set('window', window);
    first.set('theme', 'light');
    first.set('language', 'zh-CN');
    first.set('notificationMinSeverity', 'high');

    const second = openSettings({ cwd });
    expect(second.get('window')).toEqual(window);
    expect(second.get('theme')).toBe('light');
    expect(second.get('language')).toBe('zh-CN');
    expect(second.get('notificationMinSeverity')).toBe('high');
    expect(JSON.parse(readFileSync(join(cwd, 'settings.json'), 'utf8'))).toMatchObject({ theme: 'light' });
  });

  it('start from the defaults when the file is damaged or edited into nonsense', () => {
    for (const content of [
      '{ not json',
      JSON.stringify({ theme: 'purple', notificationMinSeverity: 'loud' }),
    ]) {
      const cwd = mkdtempSync(join(scratch, 'damaged-'));
      writeFileSync(join(cwd, 'settings.json'), content);
      const settings = openSettings({ cwd });
      expect(settings.get('theme')).toBe('dark');
      expect(settings.get('notificationMinSeverity')).toBeUndefined();
    }
  });
});
