import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookTarget } from '../../../src/domain/index.js';
import { createHttpClient } from '../../../src/http/client.js';
import { createEscalationChannel, sendToWebhook } from '../../../src/notifications/webhooks.js';
import type { EscalationMessage } from '../../../src/notifications/webhooks.js';
import { startLoopback } from '../http/loopback.js';
import type { Loopback } from '../http/loopback.js';
import { freePort } from '../../support/processes.js';

const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const NOW = Date.parse('2026-03-01T04:00:00Z');
const message: EscalationMessage = {
  title: '[escalated] critical · payments',
  lines: ['Payments 5xx above 5%'],
};
const waits: number[] = [];
const deps = {
  http: createHttpClient(),
  now: () => NOW,
  sleep: async (ms: number) => {
    waits.push(ms);
  },
  baseDelayMs: 100,
  timeoutMs: 500,
};

/** A receiver answering like the vendor's robot endpoint does for an accepted message. */
async function receiver(answer: (status: { count: number }) => [number, string]) {
  const state = { count: 0 };
  const server = await startLoopback((_request, response) => {
    state.count += 1;
    const [status, body] = answer(state);
    response.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  servers.push(server);
  return server;
}

describe('escalation webhooks, each in its vendor format, to a local receiver', () => {
  it.each([
    [
      'wecom',
      '{"errcode":0,"errmsg":"ok"}',
      { msgtype: 'text', text: { content: '[escalated] critical · payments\nPayments 5xx above 5%' } },
    ],
    [
      'dingtalk',
      '{"errcode":0,"errmsg":"ok"}',
      { msgtype: 'text', text: { content: '[escalated] critical · payments\nPayments 5xx above 5%' } },
    ],
    [
      'feishu',
      '{"code":0,"msg":"success","data":{}}',
      { msg_type: 'text', content: { text: '[escalated] critical · payments\nPayments 5xx above 5%' } },
    ],
    ['slack', 'ok', { text: '[escalated] critical · payments\nPayments 5xx above 5%' }],
  ] as const)('%s', async (kind, answer, body) => {
    const server = await receiver(() => [200, answer]);
    const target: WebhookTarget = { name: kind, kind, url: `${server.origin}/hook?key=SECRET-KEY` };
    const outcome = await sendToWebhook(deps, target, message);
    expect(outcome).toMatchObject({ ok: true, attempts: 1 });
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/hook?key=SECRET-KEY' });
    expect(server.requests[0]!.headers['content-type']).toContain('application/json');
    expect(JSON.parse(server.requests[0]!.body)).toEqual(body);
  });

  it('signs DingTalk and Feishu requests when the robot has a secret', async () => {
    const server = await receiver(() => [200, '{"errcode":0,"code":0}']);
    await sendToWebhook(
      deps,
      { name: 'd', kind: 'dingtalk', url: `${server.origin}/robot/send?access_token=t`, secret: 'SECabc' },
      message,
    );
    const query = new URL(server.requests[0]!.url, server.origin).searchParams;
    expect(query.get('timestamp')).toBe(String(NOW));
    const expected = createHmac('sha256', 'SECabc').update(`${NOW}\nSECabc`).digest('base64');
    expect(query.get('sign')).toBe(expected);

    await sendToWebhook(
      deps,
      { name: 'f', kind: 'feishu', url: `${server.origin}/hook/x`, secret: 'fs' },
      message,
    );
    const feishu = JSON.parse(server.requests[1]!.body) as { timestamp: string; sign: string };
    expect(feishu.timestamp).toBe(String(NOW / 1000));
    expect(feishu.sign).toBe(
      createHmac('sha256', `${NOW / 1000}\nfs`)
        .update('')
        .digest('base64'),
    );
  });

  it('retries a 500 with backoff and succeeds when the receiver recovers', async () => {
    waits.length = 0;
    const server = await receiver(({ count }) => (count < 3 ? [500, 'busy'] : [200, '{"errcode":0}']));
    const outcome = await sendToWebhook(
      deps,
      { name: 'w', kind: 'wecom', url: `${server.origin}/w` },
      message,
    );
    expect(outcome).toMatchObject({ ok: true, attempts: 3 });
    expect(waits).toEqual([100, 200]);
  });

  it('treats a 200 with an errcode as a failure (WeCom/DingTalk answer errors that way)', async () => {
    const server = await receiver(() => [200, '{"errcode":93000,"errmsg":"invalid webhook url"}']);
    const outcome = await sendToWebhook(
      { ...deps, attempts: 2 },
      { name: 'w', kind: 'wecom', url: `${server.origin}/w` },
      message,
    );
    expect(outcome).toMatchObject({ ok: false, attempts: 2 });
    expect(outcome.problem).toContain('93000');
  });

  it('a receiver that is down or slow becomes one sentence naming the webhook, never its URL', async () => {
    const down = `http://127.0.0.1:${await freePort()}/hook?key=SECRET-KEY`;
    const slow = await startLoopback(() => undefined); // never answers
    servers.push(slow);
    const changes: number[] = [];
    const channel = createEscalationChannel({
      ...deps,
      attempts: 2,
      afterMs: 600_000,
      webhooks: [
        { name: 'ops-wecom', kind: 'wecom', url: down },
        { name: 'ops-slack', kind: 'slack', url: `${slow.origin}/slow` },
      ],
      onChange: () => changes.push(1),
    });
    // Escalating returns at once: delivery runs beside the caller (the poll), never in it.
    channel.escalate([
      {
        id: 'am:1',
        name: 'PaymentsDown',
        severity: 'critical',
        summary: 's',
        startsAt: new Date(NOW).toISOString(),
      },
    ]);
    expect(channel.problems()).toEqual([]);
    await channel.idle();
    const problems = channel.problems();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^escalation webhook "ops-wecom" \(wecom\) failed after 2 attempts: the request failed \(connection\)/,
    );
    expect(problems[1]).toMatch(/"ops-slack" .* \(timeout\)/);
    expect(problems.join(' ')).not.toContain('SECRET-KEY');
    expect(changes.length).toBe(2);
  });

  it('climbs the ladder: the first rung posts to A角’s robot, the second to the lead’s, naming who', async () => {
    const first = await receiver(() => [200, '{"errcode":0,"errmsg":"ok"}']);
    const second = await receiver(() => [200, 'ok']);
    const channel = createEscalationChannel({
      ...deps,
      afterMs: 600_000,
      webhooks: [
        { name: 'oncall-b', kind: 'wecom', url: `${first.origin}/b` },
        { name: 'lead', kind: 'slack', url: `${second.origin}/lead` },
      ],
      steps: [
        { afterMs: 600_000, to: 'B角 Li Lei', webhooks: ['oncall-b'] },
        { afterMs: 1_800_000, to: 'ops lead', webhooks: ['lead'] },
      ],
    });
    const alert = {
      id: 'am:1',
      name: 'PaymentsDown',
      severity: 'critical',
      service: 'payments',
      summary: 's',
      startsAt: new Date(NOW).toISOString(),
    };
    channel.escalate([{ ...alert, escalationLevel: 1 }]);
    await channel.idle();
    expect(first.requests).toHaveLength(1);
    expect(second.requests).toHaveLength(0);
    expect((JSON.parse(first.requests[0]!.body) as { text: { content: string } }).text.content).toMatch(
      /^\[escalated → B角 Li Lei\] critical · payments: unclaimed for 10 min/,
    );

    channel.escalate([{ ...alert, escalationLevel: 2 }]);
    await channel.idle();
    expect(first.requests).toHaveLength(1);
    expect(second.requests).toHaveLength(1);
    expect((JSON.parse(second.requests[0]!.body) as { text: string }).text).toMatch(
      /^\[escalated → ops lead\] critical · payments: unclaimed for 30 min/,
    );
  });
});
