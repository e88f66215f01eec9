import { describe, expect, it } from 'vitest';
import { checkConfigText, formatProblem, parseConfig } from '../../../src/config/load.js';

describe('notifications: in cockpit.yaml', () => {
  it('defaults to DOMAIN.md tiers: critical persistent, with sound, repeating, escalating after 10 min', () => {
    const { notifications } = parseConfig('sources: []\n', 'c.yaml', {});
    expect(notifications.minSeverity).toBe('critical');
    expect(notifications.policy?.escalationAfterMs).toBe(600_000);
    expect(notifications.policy?.tiers.critical).toEqual({
      notify: true,
      persistent: true,
      sound: true,
      repeatMs: 300_000,
      escalate: true,
    });
    expect(notifications.policy?.tiers.warning).toEqual({
      notify: false,
      persistent: false,
      sound: false,
      escalate: false,
    });
    expect(notifications.webhooks).toEqual([]);
  });

  it('reads tiers, escalation webhooks with secrets from the environment, quiet hours and filters', () => {
    const yaml = [
      'notifications:',
      '  tiers:',
      '    critical: { repeat: off }',
      '    warning: { notify: true }',
      '  escalation:',
      '    after: 2m',
      "    webhooks: [{ kind: dingtalk, url: 'https://oapi.dingtalk.com/robot/send?access_token=${DT}', secret: '${DT_SECRET}' }]",
      "  quietHours: { from: '22:00', to: '07:30', timeZone: Asia/Shanghai, breakthrough: high }",
      '  only: { services: [payments], labels: { env: prod } }',
      '',
    ].join('\n');
    const { notifications } = parseConfig(yaml, 'c.yaml', { DT: 'tok', DT_SECRET: 'SEC1' });
    expect(notifications.minSeverity).toBe('warning');
    expect(notifications.policy?.tiers.critical.repeatMs).toBeUndefined();
    expect(notifications.policy?.escalationAfterMs).toBe(120_000);
    expect(notifications.webhooks).toEqual([
      {
        name: 'dingtalk-1',
        kind: 'dingtalk',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=tok',
        secret: 'SEC1',
      },
    ]);
    expect(notifications.policy?.quietHours).toEqual({
      fromMinutes: 22 * 60,
      toMinutes: 7 * 60 + 30,
      timeZone: 'Asia/Shanghai',
      breakthrough: 'high',
    });
    expect(notifications.policy?.filters).toMatchObject({ services: ['payments'], labels: { env: 'prod' } });
  });

  it('names the file, line and fix for each mistake', () => {
    const yaml = [
      'notifications:',
      '  escalation:',
      '    after: 10',
      '    webhooks:',
      '      - { kind: wechat, url: http://x }',
      "  quietHours: { from: '25:00', to: '07:00', timeZone: Mars/Base }",
      '',
    ].join('\n');
    const problems = checkConfigText(yaml, 'c.yaml', {}).problems.map(formatProblem);
    expect(problems).toEqual([
      'c.yaml:3: notifications.escalation.after: is 10, a number; write a duration such as 10m',
      'c.yaml:5: notifications.escalation.webhooks[0].kind: write one of wecom, dingtalk, feishu, slack',
      'c.yaml:6: notifications.quietHours.from: write a time of day as HH:MM, e.g. 22:00',
      'c.yaml:6: notifications.quietHours.timeZone: is not a time zone; write an IANA name such as Asia/Shanghai',
    ]);
  });

  it('reads an escalation ladder, and says which step is out of order or names no webhook', () => {
    const ladder = [
      'notifications:',
      '  escalation:',
      '    webhooks:',
      '      - { name: oncall-b, kind: wecom, url: http://127.0.0.1:1/b }',
      '      - { name: lead, kind: slack, url: http://127.0.0.1:1/lead }',
      '    steps:',
      '      - { after: 10m, to: B角 Li Lei, webhooks: [oncall-b] }',
      '      - { after: 30m, to: ops lead, webhooks: [lead] }',
      '',
    ].join('\n');
    const { notifications } = parseConfig(ladder, 'c.yaml', {});
    expect(notifications.policy?.escalationAfterMs).toBe(600_000);
    expect(notifications.policy?.escalationSteps).toEqual([
      { afterMs: 600_000, to: 'B角 Li Lei', webhooks: ['oncall-b'] },
      { afterMs: 1_800_000, to: 'ops lead', webhooks: ['lead'] },
    ]);

    const broken = ladder.replace('after: 30m', 'after: 5m').replace('webhooks: [lead]', 'webhooks: [boss]');
    expect(checkConfigText(broken, 'c.yaml', {}).problems.map(formatProblem)).toEqual([
      'c.yaml:8: notifications.escalation.steps[1].after: each step comes later than the one before it; write a longer duration',
      'c.yaml:8: notifications.escalation.steps[1].webhooks[0]: "boss" is not the name of a webhook under escalation.webhooks (oncall-b, lead)',
    ]);
  });
});
