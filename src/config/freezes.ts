import { z } from 'zod';
import { isTimeZone, zonedToUtc } from '../domain/index.js';
import type { FreezeGreenChannel, FreezeRule, LocalDateTime, WeekTime } from '../domain/index.js';
import { parseDuration } from './duration.js';

/**
 * `freezes:` in the config: change freezes (封网) as one-off date ranges or weekly rules, each in a
 * time zone, optionally per environment, with exempt services and green channels:
 *
 *   - { name: Spring Festival, from: 2027-02-10T00:00, to: 2027-02-17T24:00, tz: Asia/Shanghai,
 *       exempt: [payments-hotfix, { service: payments, from: 2027-02-12T10:00, for: 1h, approvedBy: Li Wei }] }
 *   - { name: weekend, weekly: { from: fri 18:00, to: mon 09:00 }, tz: Asia/Shanghai, environments: [prod] }
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/;
const WEEKLY = /^(sun|mon|tue|wed|thu|fri|sat)[a-z]*\s+(\d{1,2}):(\d{2})$/i;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const localDateTime = z.string().transform((text, ctx): LocalDateTime => {
  const match = LOCAL.exec(text.trim());
  const [year, month, day, hour = 0, minute = 0] = (match?.slice(1) ?? []).map((part) => Number(part ?? 0));
  const minutes = hour * 60 + minute;
  const valid =
    match !== null &&
    month !== undefined &&
    day !== undefined &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31 &&
    minute < 60 &&
    minutes <= 1440;
  if (!valid || year === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not a local date and time; write it like 2027-02-10T00:00 (24:00 is the end of a day)`,
    });
    return z.NEVER;
  }
  return { year, month, day, minutes };
});

const weekTime = z.string().transform((text, ctx): WeekTime => {
  const match = WEEKLY.exec(text.trim());
  const minutes = match ? Number(match[2]) * 60 + Number(match[3]) : NaN;
  if (!match || !(minutes <= 1440) || Number(match[3]) >= 60) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a time of the week; write it like fri 18:00` });
    return z.NEVER;
  }
  return { weekday: DAYS.indexOf((match[1] ?? '').toLowerCase().slice(0, 3)), minutes };
});

const timeZone = z.string().superRefine((text, ctx) => {
  if (!isTimeZone(text)) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not a time zone; write an IANA name like Asia/Shanghai or UTC`,
    });
  }
});

const greenChannel = z.strictObject({
  service: z.string().min(1),
  from: localDateTime,
  for: z.string().refine((text) => parseDuration(text) !== undefined, {
    message: 'write how long the green channel is open, e.g. 1h or 30m',
  }),
  approvedBy: z.string().min(1, 'a green channel names who approved it'),
});

const common = {
  name: z.string().min(1),
  tz: timeZone.default('UTC'),
  environments: z.array(z.string().min(1)).default([]),
  exempt: z.array(z.union([z.string().min(1), greenChannel])).default([]),
};

const onceSchema = z.strictObject({ ...common, from: localDateTime, to: localDateTime });
const weeklySchema = z.strictObject({ ...common, weekly: z.strictObject({ from: weekTime, to: weekTime }) });

type RawFreeze = z.output<typeof onceSchema> | z.output<typeof weeklySchema>;

function toRule(raw: RawFreeze): FreezeRule {
  const exemptions: string[] = [];
  const greenChannels: FreezeGreenChannel[] = [];
  for (const entry of raw.exempt) {
    if (typeof entry === 'string') {
      exemptions.push(entry);
      continue;
    }
    const startMs = zonedToUtc(raw.tz, entry.from.year, entry.from.month, entry.from.day, entry.from.minutes);
    greenChannels.push({
      service: entry.service,
      startsAt: new Date(startMs).toISOString(),
      endsAt: new Date(startMs + (parseDuration(entry.for) ?? 0)).toISOString(),
      approvedBy: entry.approvedBy,
    });
  }
  const when: FreezeRule['when'] =
    'weekly' in raw
      ? { type: 'weekly', from: raw.weekly.from, to: raw.weekly.to }
      : { type: 'once', from: raw.from, to: raw.to };
  return {
    name: raw.name,
    timeZone: raw.tz,
    when,
    environments: raw.environments,
    exemptions,
    greenChannels,
  };
}

/** One freeze rule: `from:`/`to:` for a date range, or `weekly:`. */
export const freezeSchema = z
  .union([onceSchema, weeklySchema], {
    error:
      'a freeze has name: and either from: + to: (a date range) or weekly: { from: fri 18:00, to: mon 09:00 }',
  })
  .superRefine((raw, ctx) => {
    // Refinements run even when a field failed; an unknown zone has already been reported.
    if ('from' in raw && isTimeZone(raw.tz)) {
      const start = zonedToUtc(raw.tz, raw.from.year, raw.from.month, raw.from.day, raw.from.minutes);
      const end = zonedToUtc(raw.tz, raw.to.year, raw.to.month, raw.to.day, raw.to.minutes);
      if (end <= start) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to: must be after from:' });
    }
  })
  .transform(toRule);
