import { describe, expect, it } from 'vitest';
import { checkConfigText, formatProblem } from '../../../src/config/load.js';
import type { ConfigProblem } from '../../../src/config/load.js';

const sentences = (problems: readonly ConfigProblem[]) => problems.map(formatProblem);

/**
 * Broken config files and the sentences a person reads for them: every problem of a file in one
 * run, in file order, each with its line and, where one exists, the fix.
 */
const BROKEN: readonly (readonly [name: string, yaml: string, expected: readonly string[]])[] = [
  [
    'a duration written as a bare number',
    'sources:\n  - id: am\n    kind: alertmanager\n    url: http://x:9093\n    timeout: 10\n',
    ['c.yaml:5: sources[0].timeout: is 10, a number; write a duration such as 10s'],
  ],
  [
    'a number written as a word',
    'history:\n  retentionDays: thirty\n',
    ['c.yaml:2: history.retentionDays: is "thirty", a string; write a whole number of days such as 30'],
  ],
  [
    'an empty value where a duration belongs',
    'sources:\n  - id: am\n    kind: alertmanager\n    url: http://x:9093\n    interval:\n',
    ['c.yaml:5: sources[0].interval: is empty; write a duration such as 15s'],
  ],
  [
    'a port that is not a number',
    'server:\n  port: abc\n',
    ['c.yaml:2: server.port: is "abc", a string; write a port number such as 8080'],
  ],
  [
    'a service title that is a list',
    'services:\n  payment-api:\n    title: [支付]\n',
    [
      'c.yaml:3: services.payment-api.title: is a list; write a title, or titles by language such as { en: Payments, zh-CN: 支付 }',
    ],
  ],
  [
    'a single URL where a list belongs',
    'sources:\n  - id: am\n    kind: alertmanager\n    urls: http://x:9093\n',
    ['c.yaml:4: sources[0].urls: is "http://x:9093", a string; write a list, e.g. [a, b]'],
  ],
  [
    'a severity word that does not exist',
    'notifications:\n  minSeverity: urgent\n',
    ['c.yaml:2: notifications.minSeverity: is "urgent"; write one of "critical", "high", "warning", "info"'],
  ],
  [
    'a key indented one space too far, the rest still checked',
    'sources:\n  - id: am\n    kind: alertmanager\n     url: http://x:9093\n    interval: soon\n',
    [
      'c.yaml:4: "url" is indented by 5 spaces but "kind" on line 3 by 4; indent "url" by 4 spaces (the keys of one block start in the same column)',
      'c.yaml:5: sources[0].interval: "soon" is not a duration; write a number and a unit, e.g. 15s, 2m, 1h',
    ],
  ],
  [
    'a key indented one space too little',
    'server:\n  host: 127.0.0.1\n port: 8080\n',
    [
      'c.yaml:3: "port" is indented by 1 space but "host" on line 2 by 2; indent "port" by 2 spaces (the keys of one block start in the same column)',
    ],
  ],
  [
    'a tab used for indentation',
    'sources:\n\t- id: am\n',
    ['c.yaml:2: this line is indented with a tab, which YAML does not allow; indent it with spaces'],
  ],
  [
    'a misspelt key, with the key it was meant to be',
    'sources:\n  - id: am\n    kind: alertmanager\n    url: http://x:9093\n    intervall: 15s\n',
    ['c.yaml:5: sources[0]: unknown key "intervall"; did you mean "interval"?'],
  ],
  [
    'misspelt keys at the top and inside a section, each on its own line',
    'sever:\n  port: 8080\nhistory:\n  retentionDay: 7\n',
    [
      'c.yaml:1: unknown key "sever"; did you mean "server"?',
      'c.yaml:4: history: unknown key "retentionDay"; did you mean "retentionDays"?',
    ],
  ],
  [
    'an unknown key like nothing the cockpit knows',
    'colour: blue\n',
    ['c.yaml:1: unknown key "colour"; check the spelling against assets/cockpit.example.yaml'],
  ],
  [
    'a duplicate id together with other problems, all in one run, in file order',
    'history:\n  retentionDays: 0\nsources:\n  - id: am\n    kind: alertmanager\n    url: http://a\n    interval: soon\n  - id: am\n    kind: prometheus\n    url: http://b\nsever: {}\n',
    [
      'c.yaml:2: history.retentionDays: is 0; write a whole number of days such as 30 (at least 1)',
      'c.yaml:7: sources[0].interval: "soon" is not a duration; write a number and a unit, e.g. 15s, 2m, 1h',
      'c.yaml:8: sources[1].id: "am" is already the id of sources[0]; every source needs its own id',
      'c.yaml:11: unknown key "sever"; did you mean "server"?',
    ],
  ],
  [
    'a server bound to every address without a token',
    'server:\n  host: 0.0.0.0\n',
    [
      'c.yaml:2: server.host: 0.0.0.0 is reachable from other machines, and without an access token anyone there could read alerts and create silences; set server.tokens (a list of { token, role: viewer or operator }, each token at least 16 characters) or bind 127.0.0.1',
    ],
  ],
];

describe('check-config on broken files', () => {
  it.each(BROKEN)('%s', (_name, yaml, expected) => {
    const check = checkConfigText(yaml, 'c.yaml', {});
    expect(sentences(check.problems)).toEqual(expected);
    expect(check.config).toBeUndefined();
  });
});

describe('check-config and unset environment variables', () => {
  it('warns, naming the variable and its line, and still checks the rest', () => {
    const yaml =
      'sources:\n  - id: am\n    kind: alertmanager\n    url: http://x:9093\n    auth: { bearer: "${AM_TOKEN}" }\n    interval: soon\n';
    const check = checkConfigText(yaml, 'c.yaml', {});
    expect(sentences(check.warnings)).toEqual([
      'c.yaml:5: sources[0].auth.bearer: the environment variable AM_TOKEN is not set; export AM_TOKEN=… before starting the cockpit',
    ]);
    expect(sentences(check.problems)).toEqual([
      'c.yaml:6: sources[0].interval: "soon" is not a duration; write a number and a unit, e.g. 15s, 2m, 1h',
    ]);
  });

  it('passes a file whose only gap is an unset variable', () => {
    const yaml = 'server:\n  host: 0.0.0.0\n  token: "${COCKPIT_TOKEN}"\n';
    const check = checkConfigText(yaml, 'c.yaml', {});
    expect(sentences(check.problems)).toEqual([]);
    expect(check.warnings).toHaveLength(1);
    expect(check.config?.server.host).toBe('0.0.0.0');
  });
});

describe('check-config and files a config names', () => {
  it('reports a CA file it cannot read together with the other problems', () => {
    const yaml =
      'sources:\n  - id: am\n    kind: alertmanager\n    url: https://x\n    tls: { caFile: /nonexistent/ca.pem }\n    interval: soon\n';
    expect(sentences(checkConfigText(yaml, 'c.yaml', {}).problems)).toEqual([
      'c.yaml:5: sources[0].tls.caFile: cannot read the CA file /nonexistent/ca.pem (ENOENT); fix the path or remove caFile',
      'c.yaml:6: sources[0].interval: "soon" is not a duration; write a number and a unit, e.g. 15s, 2m, 1h',
    ]);
  });
});
