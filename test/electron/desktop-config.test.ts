import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configPathFrom, loadDesktopConfig } from '../../electron/desktop-config.js';
import { ConfigError } from '../../src/config/load.js';

const scratch = mkdtempSync(join(tmpdir(), 'cockpit-desktop-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the desktop config', () => {
  it('comes from --config FILE, --config=FILE, then COCKPIT_CONFIG', () => {
    const electronArgs = ['/usr/lib/electron', '/app'];
    expect(configPathFrom([...electronArgs, '--config', 'a.yaml'], { COCKPIT_CONFIG: 'b.yaml' })).toBe(
      'a.yaml',
    );
    expect(configPathFrom([...electronArgs, '--no-sandbox', '--config=a.yaml'], {})).toBe('a.yaml');
    expect(configPathFrom(electronArgs, { COCKPIT_CONFIG: 'b.yaml' })).toBe('b.yaml');
    expect(configPathFrom(electronArgs, {})).toBeUndefined();
    expect(configPathFrom([...electronArgs, '--config', '--no-sandbox'], {})).toBeUndefined();
  });

  it('is the demo estate when no file is named', () => {
    const config = loadDesktopConfig(['/usr/lib/electron', '/app'], {}, scratch);
    expect(config.sources.map((source) => source.kind)).toEqual(['demo']);
  });

  it('reads a named file relative to the working folder and reports its problems', () => {
    writeFileSync(
      join(scratch, 'good.yaml'),
      'sources:\n  - id: am-prod\n    kind: alertmanager\n    url: http://127.0.0.1:9093\n',
    );
    writeFileSync(join(scratch, 'bad.yaml'), 'sources:\n  - id: Bad Id\n    kind: alertmanager\n');
    expect(loadDesktopConfig(['--config', 'good.yaml'], {}, scratch).sources[0]?.id).toBe('am-prod');
    expect(() => loadDesktopConfig(['--config', 'bad.yaml'], {}, scratch)).toThrow(ConfigError);
  });
});
