import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseConfig } from '../../../src/config/load.js';
import type { SourceConfigOf } from '../../../src/config/schema.js';

const MINIMAL = `sources:
  - id: am-main
    kind: alertmanager
    url: http://127.0.0.1:9093
    interval: 15s
  - id: am-ha
    kind: alertmanager
    urls: [http://am-1:9093, http://am-2:9093]
    auth: { bearer: "\${AM_TOKEN}" }
  - id: prom
    kind: prometheus
    url: http://127.0.0.1:9090
`;

function problemsOf(text: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfig(text, 'cockpit.yaml', env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message.split('\n');
  }
  throw new Error('expected the config to be rejected');
}

describe('config', () => {
  it('accepts the minimal file from the README with everything else defaulted', () => {
    const config = parseConfig(MINIMAL, 'cockpit.yaml', { AM_TOKEN: 's3cret' });
    expect(config.sources.map((source) => source.id)).toEqual(['am-main', 'am-ha', 'prom']);
    const [main, ha, prom] = config.sources as SourceConfigOf<'alertmanager' | 'prometheus'>[];
    expect(main).toMatchObject({
      intervalMs: 15_000,
      timeoutMs: 10_000,
      urls: ['http://127.0.0.1:9093'],
      name: 'am-main',
    });
    expect(ha?.urls).toEqual(['http://am-1:9093', 'http://am-2:9093']);
    expect(ha?.auth).toEqual({ type: 'bearer', token: 's3cret' });
    expect(prom?.serviceLabels).toEqual(['service', 'job']);
    expect(prom?.severity.labels).toEqual(['severity']);
    expect(config.historyRetentionDays).toBe(30);
    expect(config.server).toEqual({ host: '127.0.0.1', port: 8080, tokens: [], hostNames: [] });
  });

  it('names the file, line and variable when a ${ENV_VAR} is not set', () => {
    expect(problemsOf(MINIMAL)).toEqual([
      'cockpit.yaml:9: sources[1].auth.bearer: the environment variable AM_TOKEN is not set; export AM_TOKEN=… before starting the cockpit',
    ]);
  });

  it('explains a malformed duration with an example of the right form', () => {
    const text =
      'sources:\n  - id: am\n    kind: alertmanager\n    url: http://x:9093\n    interval: 15 seconds\n';
    expect(problemsOf(text)).toEqual([
      'cockpit.yaml:5: sources[0].interval: "15 seconds" is not a duration; write a number and a unit, e.g. 15s, 2m, 1h',
    ]);
  });

  it('points at the line of a misspelt key', () => {
    const text = 'sources:\n  - id: am\n    kind: alertmanager\n    url: http://x:9093\n    intervall: 15s\n';
    expect(problemsOf(text)).toEqual([
      'cockpit.yaml:5: sources[0]: unknown key "intervall"; did you mean "interval"?',
    ]);
  });

  it('lists the kinds it knows for an unknown kind', () => {
    const text = 'sources:\n  - id: z\n    kind: zabix\n    url: http://x\n';
    expect(problemsOf(text)).toEqual([
      'cockpit.yaml:3: sources[0].kind: is "zabix"; write one of "alertmanager", "prometheus", "demo", "ical", "caldav", "changes-json", "pagerduty-changes", "catalog-files", "backstage"',
    ]);
  });

  it('requires a url and refuses credentials inside it', () => {
    expect(problemsOf('sources:\n  - id: am\n    kind: alertmanager\n')).toEqual([
      'cockpit.yaml:2: sources[0].url: a source needs url: or urls:',
    ]);
    expect(
      problemsOf('sources:\n  - id: am\n    kind: alertmanager\n    url: http://bob:pw@x:9093\n')[0],
    ).toMatch(/^cockpit\.yaml:4: sources\[0\]\.url: credentials in the URL would be shown and logged/);
    expect(problemsOf('sources:\n  - id: am\n    kind: alertmanager\n    url: file:///etc/passwd\n')[0]).toBe(
      'cockpit.yaml:4: sources[0].url: "file:///etc/passwd" must start with http:// or https://',
    );
  });

  it('rejects duplicate source ids, naming both', () => {
    const text =
      'sources:\n  - id: am\n    kind: alertmanager\n    url: http://a\n  - id: am\n    kind: prometheus\n    url: http://b\n';
    expect(problemsOf(text)).toEqual([
      'cockpit.yaml:5: sources[1].id: "am" is already the id of sources[0]; every source needs its own id',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf('sources:\n  - id: am\n    kind: [unclosed\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^cockpit\.yaml:\d+: this is not valid YAML: /);
  });

  it('reads a configured CA file relative to the config, and names a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-config-'));
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n');
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(
      file,
      'sources:\n  - id: am\n    kind: alertmanager\n    url: https://x\n    tls: { caFile: ca.pem }\n',
    );
    expect(loadConfigFile(file, {}).sources[0]?.tls.ca).toContain('BEGIN CERTIFICATE');
    writeFileSync(
      file,
      'sources:\n  - id: am\n    kind: alertmanager\n    url: https://x\n    tls: { caFile: nope.pem }\n',
    );
    expect(() => loadConfigFile(file, {})).toThrow(
      /cockpit\.yaml:5: sources\[0\]\.tls\.caFile: cannot read the CA file .*nope\.pem \(ENOENT\)/,
    );
  });

  it('says what to do when the file does not exist', () => {
    expect(() => loadConfigFile('/nonexistent/cockpit.yaml')).toThrow(
      '/nonexistent/cockpit.yaml: the file does not exist; copy assets/cockpit.example.yaml there or pass another --config',
    );
  });

  it('reads service titles: one for every language, or one per language', () => {
    const config = parseConfig(
      'services:\n  payment-api: { title: Payments }\n  checkout: { title: { en: Checkout, zh-CN: 结账 } }\n',
      'c.yaml',
      {},
    );
    expect(config.serviceTitles).toEqual({
      'payment-api': { en: 'Payments' },
      checkout: { en: 'Checkout', 'zh-CN': '结账' },
    });
    expect(parseConfig('sources: []\n', 'c.yaml', {}).serviceTitles).toEqual({});
  });

  it('maps configured severity words, case-insensitively, on top of the defaults', () => {
    const text =
      'sources:\n  - id: am\n    kind: alertmanager\n    url: http://x\n    severity:\n      label: priority\n      map: { P1: critical, Noise: filtered }\n      default: info\n';
    const source = parseConfig(text, 'c.yaml', {}).sources[0] as SourceConfigOf<'alertmanager'> | undefined;
    expect(source?.severity.labels).toEqual(['priority']);
    expect(source?.severity.values.p1).toBe('critical');
    expect(source?.severity.values.noise).toBe('filtered');
    expect(source?.severity.values.warning).toBe('warning');
    expect(source?.severity.default).toBe('info');
  });
});

describe('assets/cockpit.example.yaml', () => {
  it('is a valid config as shipped (with its ${AM_TOKEN} set)', () => {
    const file = new URL('../../../assets/cockpit.example.yaml', import.meta.url).pathname;
    const config = loadConfigFile(file, { AM_TOKEN: 'token' });
    expect(config.sources.map((source) => source.kind)).toEqual([
      'alertmanager',
      'alertmanager',
      'prometheus',
    ]);
    expect((config.sources[1] as SourceConfigOf<'alertmanager'> | undefined)?.severity.values.p1).toBe(
      'critical',
    );
  });
});

describe('config: settings that belong to one kind of source', () => {
  it('names the kind a misplaced setting belongs to, with its line and the fix', () => {
    const text =
      'sources:\n  - id: prom\n    kind: prometheus\n    url: http://x:9090\n    demoAlerts: 500\n';
    expect(problemsOf(text)).toEqual([
      'cockpit.yaml:5: sources[0]: "demoAlerts" is a setting of kind: demo sources, not of kind: prometheus; remove it here or change the kind',
    ]);
  });

  it('refuses a URL on a demo source, whose estate runs on loopback', () => {
    const text = 'sources:\n  - id: demo\n    kind: demo\n    url: http://x:9093\n';
    expect(problemsOf(text)).toEqual([
      'cockpit.yaml:4: sources[0]: "url" is a setting of kind: alertmanager, kind: prometheus, kind: ical, kind: caldav, kind: changes-json, kind: pagerduty-changes and kind: backstage sources, not of kind: demo; remove it here or change the kind',
    ]);
  });

  it('still checks each kind’s own fields, e.g. the demo scale', () => {
    const text = 'sources:\n  - id: demo\n    kind: demo\n    demoAlerts: many\n';
    expect(problemsOf(text)).toEqual([
      'cockpit.yaml:4: sources[0].demoAlerts: is "many", a string; write a number',
    ]);
  });

  it('asks for a kind when a source has none, listing the kinds it knows', () => {
    expect(problemsOf('sources:\n  - id: am\n    url: http://x\n')).toEqual([
      'cockpit.yaml:2: sources[0].kind: is required; write one of "alertmanager", "prometheus", "demo", "ical", "caldav", "changes-json", "pagerduty-changes", "catalog-files", "backstage"',
    ]);
  });

  it('gives each kind only its own fields', () => {
    const config = parseConfig(
      'sources:\n  - id: demo\n    kind: demo\n    demoAlerts: 500\n  - id: am\n    kind: alertmanager\n    url: http://x\n',
      'c.yaml',
      {},
    );
    const [demo, am] = config.sources;
    expect(demo).toMatchObject({
      kind: 'demo',
      urls: [],
      demoAlerts: 500,
      serviceLabels: ['service', 'job'],
    });
    expect(am?.kind === 'alertmanager' && 'demoAlerts' in am).toBe(false);
  });
});

describe('server tokens and tls (issue 15)', () => {
  it('takes viewer and operator tokens, plain or sha256:, and resolves tls paths against the config folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-config-'));
    const file = join(dir, 'cockpit.yaml');
    const digest = 'a'.repeat(64);
    writeFileSync(
      file,
      `server:\n  tls: { cert: tls/cert.pem, key: tls/key.pem }\n  hostNames: [cockpit.office.example]\n  tokens:\n    - { token: "\${WALL}", role: viewer, name: wall }\n    - { token: "sha256:${digest}", role: operator, name: alice }\n`,
    );
    const config = loadConfigFile(file, { WALL: 'wall-display-0123456789' });
    expect(config.server).toMatchObject({
      tls: { cert: join(dir, 'tls', 'cert.pem'), key: join(dir, 'tls', 'key.pem') },
      hostNames: ['cockpit.office.example'],
      tokens: [
        { token: 'wall-display-0123456789', role: 'viewer', name: 'wall' },
        { token: `sha256:${digest}`, role: 'operator', name: 'alice' },
      ],
    });
  });

  it('says what is wrong with a short token, a broken digest or an unknown role, with its line', () => {
    const text = `server:\n  tokens:\n    - { token: short, role: viewer }\n    - { token: "sha256:abc", role: operator }\n    - { token: long-enough-token-123, role: admin }\n`;
    expect(problemsOf(text)).toEqual([
      'cockpit.yaml:3: server.tokens[0].token: an access token needs at least 16 characters, or sha256: and 64 hex digits of its SHA-256',
      'cockpit.yaml:4: server.tokens[1].token: an access token needs at least 16 characters, or sha256: and 64 hex digits of its SHA-256',
      'cockpit.yaml:5: server.tokens[2].role: is "admin"; write one of "viewer", "operator"',
    ]);
  });
});

describe('config: freezes', () => {
  it('points at the field of a weekly freeze that is wrong, with its line', () => {
    expect(problemsOf('freezes:\n  - { name: weekend, weekly: { from: friday, to: mon 09:00 } }\n')).toEqual([
      'cockpit.yaml:2: freezes[0]: weekly.from: "friday" is not a time of the week; write it like fri 18:00',
    ]);
  });

  it('points at the field of a date-range freeze that is wrong', () => {
    expect(problemsOf('freezes:\n  - { name: holiday, from: 2027-02-10, to: 10 Feb }\n')).toEqual([
      'cockpit.yaml:2: freezes[0]: to: "10 Feb" is not a local date and time; write it like 2027-02-10T00:00 (24:00 is the end of a day)',
    ]);
  });
});
