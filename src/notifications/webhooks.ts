/**
 * The escalation channel: an escalated alert is posted to each configured incoming webhook in its
 * vendor's documented JSON (WeCom, DingTalk, Feishu/Lark, Slack), with retries and backoff. Delivery
 * runs beside polling and never waits in it; the last outcome of each webhook is kept so a screen
 * can say, in one sentence, which one failed.
 *
 * Formats (the vendors' docs):
 * - WeCom group robot: `{"msgtype":"text","text":{"content":…}}`, answers `{"errcode":0}`.
 * - DingTalk custom robot: `{"msgtype":"text","text":{"content":…}}`, answers `{"errcode":0}`; with a
 *   secret, `timestamp` and `sign` = base64(HMAC-SHA256(secret, "timestamp\nsecret")) in the query.
 * - Feishu custom bot: `{"msg_type":"text","content":{"text":…}}`, answers `{"code":0}`; with a
 *   secret, `timestamp` (seconds) and `sign` = base64(HMAC-SHA256(key "timestamp\nsecret", "")) in the body.
 * - Slack incoming webhook: `{"text":…}`, answers 200 `ok`.
 */
import { createHmac } from 'node:crypto';
import type { EscalationStep, WebhookKind, WebhookTarget } from '../domain/index.js';
import type { HttpRequest, IHttpClient } from '../http/types.js';
import { plainLine } from './text.js';

/** What an escalation says: plain lines, already bounded. */
export type EscalationMessage = Readonly<{ title: string; lines: readonly string[]; link?: string }>;

export type WebhookRequest = Readonly<{ url: string; json: unknown }>;

function text(message: EscalationMessage): string {
  return [message.title, ...message.lines, ...(message.link ? [message.link] : [])].join('\n');
}

/** The request a webhook kind expects for a message, signed when it has a secret. */
export function webhookRequest(
  target: WebhookTarget,
  message: EscalationMessage,
  nowMs: number,
): WebhookRequest {
  const content = text(message);
  switch (target.kind) {
    case 'wecom':
      return { url: target.url, json: { msgtype: 'text', text: { content } } };
    case 'dingtalk': {
      const json = { msgtype: 'text', text: { content } };
      if (!target.secret) return { url: target.url, json };
      const timestamp = String(nowMs);
      const sign = createHmac('sha256', target.secret)
        .update(`${timestamp}\n${target.secret}`)
        .digest('base64');
      const url = new URL(target.url);
      url.searchParams.set('timestamp', timestamp);
      url.searchParams.set('sign', sign);
      return { url: url.toString(), json };
    }
    case 'feishu': {
      const json = { msg_type: 'text', content: { text: content } };
      if (!target.secret) return { url: target.url, json };
      const timestamp = String(Math.floor(nowMs / 1000));
      const sign = createHmac('sha256', `${timestamp}\n${target.secret}`).update('').digest('base64');
      return { url: target.url, json: { timestamp, sign, ...json } };
    }
    case 'slack':
      return { url: target.url, json: { text: content } };
  }
}

/** Whether a vendor's answer means it took the message (WeCom and DingTalk answer 200 with an errcode). */
export function accepted(kind: WebhookKind, status: number, body: string): string | undefined {
  if (status < 200 || status >= 300) return `HTTP ${status}`;
  if (kind === 'slack') return undefined;
  let parsed: { errcode?: unknown; code?: unknown; StatusCode?: unknown; errmsg?: unknown; msg?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return 'an answer that is not JSON';
  }
  const code = kind === 'feishu' ? (parsed.code ?? parsed.StatusCode) : parsed.errcode;
  if (code === 0 || code === undefined) return undefined;
  const why =
    typeof parsed.errmsg === 'string' ? parsed.errmsg : typeof parsed.msg === 'string' ? parsed.msg : '';
  const shown = typeof code === 'number' || typeof code === 'string' ? String(code) : JSON.stringify(code);
  return `error ${shown}${why ? ` (${why.slice(0, 200)})` : ''}`;
}

export type WebhookOutcome = Readonly<{ ok: boolean; at: string; attempts: number; problem?: string }>;

export type WebhookSenderDeps = Readonly<{
  http: IHttpClient;
  now(): number;
  /** Waits between attempts (a timer in the core, instant in tests). */
  sleep(ms: number): Promise<void>;
  attempts?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
  onOutcome?(target: WebhookTarget, outcome: WebhookOutcome): void;
}>;

const DEFAULT_ATTEMPTS = 4;
const DEFAULT_BASE_DELAY_MS = 2000;
const DEFAULT_TIMEOUT_MS = 10_000;

/** One sentence naming the webhook, never its URL (the URL is the secret). */
export function deliveryProblem(target: WebhookTarget, outcome: WebhookOutcome): string {
  return `escalation webhook "${target.name}" (${target.kind}) failed after ${outcome.attempts} attempts: ${outcome.problem ?? 'unknown error'}; check its url in cockpit.yaml (notifications.escalation.webhooks)`;
}

/** Sends a message to one webhook, retrying with exponential backoff; never throws. */
export async function sendToWebhook(
  deps: WebhookSenderDeps,
  target: WebhookTarget,
  message: EscalationMessage,
): Promise<WebhookOutcome> {
  const attempts = deps.attempts ?? DEFAULT_ATTEMPTS;
  const base = deps.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  let problem = 'not sent';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (attempt > 1) await deps.sleep(base * 2 ** (attempt - 2));
    const request = webhookRequest(target, message, deps.now());
    const http: HttpRequest = {
      url: request.url,
      method: 'POST',
      json: request.json,
      timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: 64 * 1024,
      maxRedirects: 0,
    };
    try {
      const response = await deps.http.request(http);
      const refused = accepted(target.kind, response.status, response.body.toString('utf8'));
      if (refused === undefined) {
        const outcome = { ok: true, at: new Date(deps.now()).toISOString(), attempts: attempt };
        deps.onOutcome?.(target, outcome);
        return outcome;
      }
      problem = `it answered ${refused}`;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      problem = typeof code === 'string' ? `the request failed (${code})` : 'the request failed';
    }
  }
  const outcome = { ok: false, at: new Date(deps.now()).toISOString(), attempts, problem };
  deps.onOutcome?.(target, outcome);
  return outcome;
}

/** What an escalated alert says in the team's channel (plain lines; the alert's text is untrusted). */
export function escalationMessage(
  alert: Readonly<{
    id: string;
    name: string;
    severity: string;
    summary: string;
    service?: string;
    startsAt: string;
  }>,
  afterMs: number,
  to?: string,
): EscalationMessage {
  const minutes = Math.round(afterMs / 60_000);
  // Controls and bidi overrides out (see text.ts): the alert's text is untrusted.
  const clean = (line: string) => plainLine(line, 300);
  return {
    title: clean(
      `[escalated${to ? ` → ${to}` : ''}] ${alert.severity} · ${alert.service ?? alert.name}: unclaimed for ${minutes} min`,
    ),
    lines: [clean(alert.summary || alert.name), clean(`alert ${alert.id}, firing since ${alert.startsAt}`)],
  };
}

export type EscalationChannel = Readonly<{
  /**
   * Sends each alert to the webhooks of the rung it reached (`escalationLevel`, 1 when absent) in the
   * background; returns at once.
   */
  escalate(
    alerts: readonly (Parameters<typeof escalationMessage>[0] & Readonly<{ escalationLevel?: number }>)[],
  ): void;
  /** One sentence per webhook whose last delivery failed. */
  problems(): readonly string[];
  /** Resolves when every delivery under way has finished (tests, shutdown). */
  idle(): Promise<void>;
}>;

/** The escalation channel over the configured webhooks; `onChange` hears a webhook's outcome flip. */
export function createEscalationChannel(
  deps: WebhookSenderDeps &
    Readonly<{
      webhooks: readonly WebhookTarget[];
      afterMs: number;
      /** The ladder (A角 → B角 → lead); absent: one step at `afterMs` to every webhook. */
      steps?: readonly EscalationStep[];
      onChange?(): void;
    }>,
): EscalationChannel {
  const steps = deps.steps && deps.steps.length > 0 ? deps.steps : [{ afterMs: deps.afterMs }];
  /** A rung's webhooks: those it names, else every one. */
  const targetsOf = (step: EscalationStep) =>
    step.webhooks ? deps.webhooks.filter((hook) => step.webhooks?.includes(hook.name)) : deps.webhooks;
  const failures = new Map<string, string>();
  const inFlight = new Set<Promise<unknown>>();
  return {
    escalate(alerts) {
      for (const alert of alerts) {
        const level = Math.min(Math.max(alert.escalationLevel ?? 1, 1), steps.length);
        const step = steps[level - 1]!;
        for (const target of targetsOf(step)) {
          const sending = sendToWebhook(
            {
              ...deps,
              onOutcome: (hook, outcome) => {
                const before = failures.get(hook.name);
                if (outcome.ok) failures.delete(hook.name);
                else failures.set(hook.name, deliveryProblem(hook, outcome));
                if (before !== failures.get(hook.name)) deps.onChange?.();
              },
            },
            target,
            escalationMessage(alert, step.afterMs, step.to),
          );
          inFlight.add(sending);
          void sending.finally(() => inFlight.delete(sending));
        }
      }
    },
    problems: () => [...failures.values()],
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
