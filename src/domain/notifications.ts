/** How notifications are delivered and escalated (the `notifications:` key); see src/notifications/policy.ts. */
import type { Labels } from './alert.js';
import type { Severity } from './severity.js';

export type TierSettings = Readonly<{
  notify: boolean;
  persistent: boolean;
  sound: boolean;
  /** Ring again this often until claimed; absent: once. */
  repeatMs?: number;
  escalate: boolean;
}>;

export type QuietHours = Readonly<{
  /** Minutes after local midnight. `from` > `to` passes midnight (22:00–07:00). */
  fromMinutes: number;
  toMinutes: number;
  timeZone: string;
  /** This severity and worse still ring in quiet hours. */
  breakthrough: Severity;
}>;

export type NotificationFilters = Readonly<{
  services: readonly string[];
  teams: readonly string[];
  /** The label that names a team. */
  teamLabel: string;
  labels: Labels;
}>;

/**
 * One rung of the escalation ladder (A角 → B角 → lead): an unclaimed alert reaches it `afterMs` after it
 * started; `to` names who is called now, `webhooks` (by name) where it is posted (absent: every one).
 */
export type EscalationStep = Readonly<{ afterMs: number; to?: string; webhooks?: readonly string[] }>;

export type NotificationPolicy = Readonly<{
  tiers: Readonly<Record<Severity, TierSettings>>;
  /** The first escalation (the ladder's first rung when `escalationSteps` is set). */
  escalationAfterMs: number;
  /** The ladder, rising `afterMs`; absent: one step at `escalationAfterMs` to every webhook. */
  escalationSteps?: readonly EscalationStep[];
  quietHours?: QuietHours;
  filters: NotificationFilters;
}>;

/** The incoming-webhook formats the escalation channel speaks. */
export const WEBHOOK_KINDS = ['wecom', 'dingtalk', 'feishu', 'slack'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** One escalation webhook; `secret` signs DingTalk and Feishu requests when their bots require it. */
export type WebhookTarget = Readonly<{ name: string; kind: WebhookKind; url: string; secret?: string }>;

/** What `GET /api/notifications/state` answers. */
export type NotificationStateView = Readonly<{
  /** ISO end of the snooze, when snoozed. */
  snoozedUntil?: string;
  quietHoursActive: boolean;
  escalationAfterMs: number;
  /** One sentence per escalation webhook whose last delivery failed. */
  deliveryProblems: readonly string[];
  /** Tiers as configured, so a screen knows what rings (and repeats) without its own copy. */
  tiers: Readonly<Record<Severity, TierSettings>>;
}>;
