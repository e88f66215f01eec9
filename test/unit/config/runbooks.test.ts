import { describe, expect, it } from 'vitest';
import { checkConfigText, formatProblem } from '../../../src/config/load.js';

describe('runbooks: in cockpit.yaml', () => {
  it('names the file, line and fix of every mistake', () => {
    const check = checkConfigText(
      'sources: []\nrunbooks:\n  folders: ./runbooks\n  maxAge: 90\n  prefech: true\n',
      '/etc/cockpit/c.yaml',
      {},
    );
    expect(check.problems.map(formatProblem)).toEqual([
      '/etc/cockpit/c.yaml:3: runbooks.folders: is "./runbooks", a string; write a list, e.g. [a, b]',
      '/etc/cockpit/c.yaml:4: runbooks.maxAge: is 90, a number; write a duration such as 90d',
      '/etc/cockpit/c.yaml:5: runbooks: unknown key "prefech"; did you mean "prefetch"?',
    ]);
  });

  it('resolves folders against the config file and applies the defaults', () => {
    const check = checkConfigText(
      'runbooks:\n  folders: [./runbooks, /srv/sop]\n',
      '/etc/cockpit/c.yaml',
      {},
    );
    expect(check.config?.runbooks).toMatchObject({
      folders: ['/etc/cockpit/runbooks', '/srv/sop'],
      prefetch: true,
      maxAgeMs: 90 * 86_400_000,
      refreshMs: 3_600_000,
      maxPageBytes: 5 * 1024 * 1024,
    });
  });

  it('refuses kind: runbooks under sources: (the vault is configured under runbooks:)', () => {
    const check = checkConfigText('sources:\n  - { id: rb, kind: runbooks }\n', 'c.yaml', {});
    expect(check.problems.map(formatProblem).join('\n')).toMatch(
      /sources\[0\]\.kind: is "runbooks"; write one of "alertmanager"/,
    );
  });
});
