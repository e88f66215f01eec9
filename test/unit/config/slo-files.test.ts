import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseConfig } from '../../../src/config/load.js';
import { loadSloFiles } from '../../../src/config/slo/load-files.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'slo');
const DAY = 86_400_000;
const file = (name: string) => join(DIR, name);

describe('SLO files', () => {
  it('reads a Sloth prometheus/v1 file: events and raw SLIs, 30 d window, sloth_id ids', () => {
    const { definitions, problems } = loadSloFiles([file('sloth-checkout.yml')], 30 * DAY);
    expect(problems).toEqual([]);
    expect(
      definitions.map((slo) => [slo.id, slo.service, slo.objective, slo.window, slo.indicator.kind]),
    ).toEqual([
      ['checkout-requests-availability', 'checkout', 0.999, { kind: 'rolling', ms: 30 * DAY }, 'events'],
      ['checkout-client-satisfaction', 'checkout', 0.95, { kind: 'rolling', ms: 30 * DAY }, 'ratio'],
    ]);
    expect(definitions[0]?.origin).toEqual({ format: 'sloth', file: file('sloth-checkout.yml'), line: 12 });
    expect(definitions[0]?.labels).toEqual({ owner: 'shop-team', tier: '1' });
  });

  it('reads Pyrra ratio and latency objectives with their window', () => {
    const { definitions, problems } = loadSloFiles([file('pyrra-search.yaml')], 30 * DAY);
    expect(problems).toEqual([]);
    const [errors, latency] = definitions;
    expect(errors).toMatchObject({
      id: 'search-http-errors',
      service: 'search',
      objective: 0.995,
      window: { kind: 'rolling', ms: 14 * DAY },
    });
    expect(errors?.indicator).toEqual({
      kind: 'events',
      errorQuery: 'sum(rate(http_requests_total{job="search",code=~"5.."}[{{.window}}]))',
      totalQuery: 'sum(rate(http_requests_total{job="search"}[{{.window}}]))',
    });
    expect(latency?.indicator).toEqual({
      kind: 'events',
      errorQuery:
        'sum(rate(http_request_duration_seconds_count{job="search"}[{{.window}}])) - sum(rate(http_request_duration_seconds_bucket{job="search",le="1"}[{{.window}}]))',
      totalQuery: 'sum(rate(http_request_duration_seconds_count{job="search"}[{{.window}}]))',
    });
    expect(latency?.window).toEqual({ kind: 'rolling', ms: 28 * DAY });
    // Where Pyrra's recording rules of each would be: named after the total metric.
    expect(errors?.pyrraRulePrefix).toBe('http_requests');
    expect(latency?.pyrraRulePrefix).toBe('http_request_duration_seconds');
  });

  it('says in one sentence that a Timeslices SLO is not supported yet, naming the file and the SLO', () => {
    const { definitions, problems } = loadSloFiles([file('openslo-timeslices.yaml')], 30 * DAY);
    // The Occurrences SLO next to it still loads.
    expect(definitions.map((slo) => slo.id)).toEqual(['checkout-occurrences']);
    expect(problems.map(formatProblem)).toEqual([
      `${file('openslo-timeslices.yaml')}:27: spec.budgetingMethod: SLO "checkout-latency-slices" uses budgetingMethod RatioTimeslices, which the cockpit does not support yet: it computes Occurrences budgets only (good events / total events), so this SLO is not shown`,
    ]);
  });

  it('reads OpenSLO v1 SLOs: indicatorRef to an SLI, calendar month in Asia/Shanghai, good or bad over total', () => {
    const { definitions, problems } = loadSloFiles([file('openslo-login.yaml')], 30 * DAY);
    expect(problems).toEqual([]);
    const [monthly, tokens] = definitions;
    expect(monthly).toMatchObject({
      id: 'login-availability',
      name: 'Good sign-ins',
      service: 'login',
      objective: 0.999,
      window: { kind: 'calendar', period: 'month', timeZone: 'Asia/Shanghai' },
    });
    expect(monthly?.indicator).toEqual({
      kind: 'events',
      errorQuery:
        'sum(rate(login_attempts_total[{{.window}}])) - sum(rate(login_attempts_total{result="ok"}[{{.window}}]))',
      totalQuery: 'sum(rate(login_attempts_total[{{.window}}]))',
    });
    expect(tokens).toMatchObject({ objective: 0.9995, window: { kind: 'rolling', ms: 28 * DAY } });
    expect(tokens?.indicator).toMatchObject({
      errorQuery: 'sum(rate(token_checks_total{result="error"}[{{.window}}]))',
    });
  });

  it('gives every broken document or SLO its own sentence with file and line, and keeps the good ones', () => {
    const { definitions, problems } = loadSloFiles(
      [file('broken-mixed.yaml'), file('broken-yaml.yaml'), file('sloth-checkout.yml')],
      30 * DAY,
    );
    expect(definitions.map((slo) => slo.id)).toEqual([
      'web-ok-one',
      'checkout-requests-availability',
      'checkout-client-satisfaction',
    ]);
    const lines = problems.map(formatProblem).map((line) => line.replace(DIR + '/', ''));
    expect(lines).toEqual([
      expect.stringMatching(/^broken-yaml\.yaml:5: this is not valid YAML: Flow sequence/),
      'broken-mixed.yaml:12: spec.budgetingMethod: SLO "timeslice-slo" uses budgetingMethod Timeslices, which the cockpit does not support yet: it computes Occurrences budgets only (good events / total events), so this SLO is not shown',
      'broken-mixed.yaml:28: slos[1].objective: 0.99 looks like a ratio; Sloth objectives are percentages (write 99 for 99 %)',
      'broken-mixed.yaml:36: slos[2].sli: every SLI query needs [{{.window}}] where its range goes, so each burn-rate window can be asked',
      'broken-mixed.yaml:43: slos[3].sli.plugin: Sloth SLI plugins are not supported by the cockpit; write the SLI as events: or raw: queries',
      'broken-mixed.yaml:51: spec.window: "4weeks" is not a Prometheus duration; write it like 28d or 2w',
      expect.stringMatching(
        /^broken-mixed\.yaml:59: is not an SLO file the cockpit knows: write a Sloth file \(version: prometheus\/v1\)/,
      ),
    ]);
  });
});

describe('the slo: key of cockpit.yaml', () => {
  const sources = 'sources:\n  - { id: prom, kind: prometheus, url: http://127.0.0.1:9090 }\n';

  it('reads files relative to the config, inline objectives, factors, scenarios', () => {
    const text = `${sources}slo:
  interval: 30s
  files: [./*.yaml, sloth-checkout.yml]
  minEvents: 50
  burnFactors: { pageFast: 10 }
  objectives:
    - service: pay
      name: availability
      objective: 99.95
      window: month
      timeZone: Asia/Shanghai
      sli:
        events:
          error_query: sum(rate(pay_errors_total[{{.window}}]))
          total_query: sum(rate(pay_requests_total[{{.window}}]))
  scenarios:
    - id: pay
      name: 支付
      objective: 99.95
      alerts: [{ alertname: PaymentErrors }, { alertname: PaymentLatency, service: payment-api }]
`;
    const config = parseConfig(text, join(DIR, 'cockpit.yaml'));
    const slo = config.slo;
    expect(slo?.sourceId).toBe('prom');
    expect(slo?.intervalMs).toBe(30_000);
    expect(slo?.minEvents).toBe(50);
    expect(slo?.factors).toEqual({ pageFast: 10, pageSlow: 6, ticketFast: 3, ticketSlow: 1 });
    expect(slo?.definitions[0]).toMatchObject({
      id: 'pay-availability',
      objective: 0.9995,
      window: { kind: 'calendar', period: 'month', timeZone: 'Asia/Shanghai' },
      origin: { format: 'inline', line: 9 },
    });
    expect(slo?.definitions.map((definition) => definition.id)).toContain('search-http-errors');
    expect(slo?.scenarios[0]).toMatchObject({ id: 'pay', name: '支付', window: '30d' });
    // The broken fixtures matched by ./*.yaml are problems, not a failed config.
    expect(slo?.problems.length).toBeGreaterThan(3);
  });

  it('refuses a source that is not a Prometheus, with the line', () => {
    expect(() => parseConfig(`${sources}slo:\n  source: nope\n`, 'cockpit.yaml')).toThrow(
      'cockpit.yaml:4: slo.source: there is no prometheus source "nope"; name one of "prom"',
    );
  });

  it('refuses a bad inline objective or time zone with the line', () => {
    expect(() =>
      parseConfig(
        `${sources}slo:\n  timeZone: Mars/Olympus\n  objectives:\n    - name: x\n      objective: 99\n      sli: {}\n`,
        'cockpit.yaml',
      ),
    ).toThrow(/cockpit\.yaml:4: slo\.timeZone: is not a time zone/);
    expect(() =>
      parseConfig(
        `${sources}slo:\n  objectives:\n    - name: x\n      objective: 99\n      sli: {}\n`,
        'cockpit.yaml',
      ),
    ).toThrow(/cockpit\.yaml:5: slo\.objectives\[0\]\.service: is required/);
  });
});
