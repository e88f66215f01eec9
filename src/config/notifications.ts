/**
 * `notifications:` in cockpit.yaml: the threshold (`minSeverity`, as before), tiers by severity,
 * escalation after a timeout to incoming webhooks, quiet hours and "only my services/teams".
 * Every field has a default, so a file without the key behaves as DOMAIN.md's tiers say.
 */
import { z } from 'zod';
import { isTimeZone, SEVERITIES, WEBHOOK_KINDS } from '../domain/index.js';
import type { NotificationPolicy, Severity, TierSettings, WebhookTarget } from '../domain/index.js';
import { httpUrl } from './source-base.js';
import { duration } from './source-base.js';
import { expecting } from './messages.js';

const tierSchema = z.strictObject({
  notify: z.boolean().optional(),
  persistent: z.boolean().optional(),
  sound: z.boolean().optional(),
  /** Ring again this often until claimed; `off` rings once. */
  repeat: z.union([z.literal('off'), duration(30_000, 86_400_000, '5m')]).optional(),
  escalate: z.boolean().optional(),
});

const clockTime = z
  .string({ error: expecting('a time of day such as 22:00') })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'write a time of day as HH:MM, e.g. 22:00')
  .transform((text) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5)));

const webhookSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(WEBHOOK_KINDS, { error: `write one of ${WEBHOOK_KINDS.join(', ')}` }),
  /** The robot's incoming-webhook URL; keep it in the environment: url: ${WECOM_WEBHOOK}. */
  url: httpUrl,
  /** The signing secret of a DingTalk or Feishu robot with signature checks on. */
  secret: z.string().min(1).optional(),
});

const stepSchema = z.strictObject({
  after: duration(1000, 7 * 86_400_000, '10m'),
  /** Who is called at this rung: "B角 Li Lei", "ops lead". */
  to: z.string().trim().min(1).max(100).optional(),
  /** The webhooks (by `name`) this rung posts to; absent: every one. */
  webhooks: z.array(z.string().min(1)).max(20).optional(),
});

export const notificationsSchema = z
  .strictObject({
    minSeverity: z.enum(SEVERITIES).default('critical'),
    tiers: z.partialRecord(z.enum(SEVERITIES), tierSchema).default({}),
    escalation: z
      .strictObject({
        after: duration(1000, 86_400_000, '10m').prefault('10m'),
        webhooks: z.array(webhookSchema).max(20).default([]),
        /** The ladder (A角 → B角 → lead): each rung after its own time, to whom, to which webhooks. */
        steps: z.array(stepSchema).max(5).optional(),
      })
      .superRefine((escalation, ctx) => {
        const names = escalation.webhooks.map((hook, index) => hook.name ?? `${hook.kind}-${index + 1}`);
        escalation.steps?.forEach((step, index) => {
          const before = escalation.steps?.[index - 1];
          if (before && step.after <= before.after) {
            ctx.addIssue({
              code: 'custom',
              path: ['steps', index, 'after'],
              message: 'each step comes later than the one before it; write a longer duration',
            });
          }
          step.webhooks?.forEach((name, at) => {
            if (!names.includes(name)) {
              ctx.addIssue({
                code: 'custom',
                path: ['steps', index, 'webhooks', at],
                message: `"${name}" is not the name of a webhook under escalation.webhooks (${names.length > 0 ? names.join(', ') : 'there are none'})`,
              });
            }
          });
        });
      })
      .prefault({}),
    quietHours: z
      .strictObject({
        from: clockTime,
        to: clockTime,
        timeZone: z
          .string()
          .refine(isTimeZone, 'is not a time zone; write an IANA name such as Asia/Shanghai')
          .default('UTC'),
        breakthrough: z.enum(SEVERITIES).default('critical'),
      })
      .optional(),
    only: z
      .strictObject({
        services: z.array(z.string().min(1)).default([]),
        teams: z.array(z.string().min(1)).default([]),
        teamLabel: z.string().min(1).default('team'),
        labels: z.record(z.string(), z.string()).default({}),
      })
      .prefault({}),
  })
  .prefault({});

export type NotificationsFile = z.output<typeof notificationsSchema>;

/** The notification settings the core runs with. */
export type NotificationSettings = Readonly<{
  minSeverity: Severity;
  policy: NotificationPolicy;
  webhooks: readonly WebhookTarget[];
}>;

const DEFAULT_REPEAT_MS = 5 * 60_000;

/** Fills each tier from DOMAIN.md's defaults: critical rings, repeats and escalates; others notify once. */
export function normalizeNotifications(file: NotificationsFile): NotificationSettings {
  const rank = (severity: Severity) => SEVERITIES.length - SEVERITIES.indexOf(severity);
  const tiers = Object.fromEntries(
    SEVERITIES.map((severity) => {
      const critical = severity === 'critical';
      const given = file.tiers[severity] ?? {};
      const repeat = given.repeat ?? (critical ? DEFAULT_REPEAT_MS : 'off');
      const tier: TierSettings = {
        notify: given.notify ?? rank(severity) >= rank(file.minSeverity),
        persistent: given.persistent ?? critical,
        sound: given.sound ?? critical,
        ...(repeat === 'off' ? {} : { repeatMs: repeat }),
        escalate: given.escalate ?? critical,
      };
      return [severity, tier];
    }),
  ) as Record<Severity, TierSettings>;
  // The threshold is the lowest tier that notifies (a tier's `notify` moves it; by default minSeverity).
  const lowest = [...SEVERITIES].reverse().find((severity) => tiers[severity].notify) ?? 'critical';
  return {
    minSeverity: lowest,
    policy: {
      tiers,
      escalationAfterMs: file.escalation.steps?.[0]?.after ?? file.escalation.after,
      ...(file.escalation.steps
        ? {
            escalationSteps: file.escalation.steps.map((step) => ({
              afterMs: step.after,
              ...(step.to ? { to: step.to } : {}),
              ...(step.webhooks ? { webhooks: step.webhooks } : {}),
            })),
          }
        : {}),
      ...(file.quietHours
        ? {
            quietHours: {
              fromMinutes: file.quietHours.from,
              toMinutes: file.quietHours.to,
              timeZone: file.quietHours.timeZone,
              breakthrough: file.quietHours.breakthrough,
            },
          }
        : {}),
      filters: file.only,
    },
    webhooks: file.escalation.webhooks.map((hook, index) => ({
      name: hook.name ?? `${hook.kind}-${index + 1}`,
      kind: hook.kind,
      url: hook.url,
      ...(hook.secret ? { secret: hook.secret } : {}),
    })),
  };
}
