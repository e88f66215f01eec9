import { z } from 'zod';
import { duration } from '../../config/source-base.js';
import { CHANGE_KINDS, isTimeZone } from '../../domain/index.js';
import type { ChangeKind } from '../../domain/index.js';

/** What a CATEGORIES value can mean: a change kind, or `freeze` (the event is a freeze window). */
export type CategoryMeaning = ChangeKind | 'freeze';

/** CATEGORIES values understood without configuration, matched case-insensitively. */
export const DEFAULT_CATEGORIES: Readonly<Record<string, CategoryMeaning>> = {
  release: 'release',
  deploy: 'release',
  deployment: 'release',
  发布: 'release',
  上线: 'release',
  config: 'config',
  configuration: 'config',
  配置: 'config',
  infra: 'infra',
  infrastructure: 'infra',
  maintenance: 'infra',
  database: 'database',
  db: 'database',
  dba: 'database',
  数据库: 'database',
  network: 'network',
  网络: 'network',
  drill: 'drill',
  演练: 'drill',
  freeze: 'freeze',
  封网: 'freeze',
  封板: 'freeze',
};

const DEFAULT_SERVICE_PATTERN = '^\\s*\\[([^\\]]+)\\]';

/** Config fields of calendar kinds (ical, caldav): how events become changes and freezes. */
export const calendarMappingFields = {
  /** Floating times and all-day events are in this zone. */
  timezone: z
    .string()
    .default('UTC')
    .superRefine((text, ctx) => {
      if (!isTimeZone(text)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${text}" is not a time zone; write an IANA name like Asia/Shanghai`,
        });
      }
    }),
  /** How far back and ahead recurrences are expanded on every poll. */
  window: z
    .strictObject({
      past: duration(3_600_000, 400 * 86_400_000, '14d').prefault('14d'),
      ahead: duration(3_600_000, 400 * 86_400_000, '30d').prefault('30d'),
    })
    .prefault({}),
  /** CATEGORIES value → kind (or freeze), on top of DEFAULT_CATEGORIES. */
  categories: z.record(z.string().min(1), z.enum([...CHANGE_KINDS, 'freeze'])).default({}),
  /** A regular expression whose first group is the service, tried on SUMMARY without X-SERVICE. */
  servicePattern: z
    .string()
    .default(DEFAULT_SERVICE_PATTERN)
    .superRefine((text, ctx) => {
      try {
        new RegExp(text, 'u');
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `servicePattern is not a regular expression (${error instanceof Error ? error.message : 'invalid'})`,
        });
      }
    }),
  /** The environment of events without X-ENVIRONMENT. */
  environment: z.string().min(1).optional(),
};

type RawMapping = z.output<z.ZodObject<typeof calendarMappingFields>>;

/** How a calendar's events become changes, after defaults. */
export type CalendarMapping = Readonly<{
  timeZone: string;
  pastMs: number;
  aheadMs: number;
  categories: Readonly<Record<string, CategoryMeaning>>;
  /** A regular expression source (kept as text: configs cross the worker boundary). */
  servicePattern: string;
  environment?: string;
}>;

export function normalizeCalendarMapping(source: RawMapping): CalendarMapping {
  const configured = Object.fromEntries(
    Object.entries(source.categories).map(([name, meaning]) => [name.trim().toLowerCase(), meaning]),
  );
  return {
    timeZone: source.timezone,
    pastMs: source.window.past,
    aheadMs: source.window.ahead,
    categories: { ...DEFAULT_CATEGORIES, ...configured },
    servicePattern: source.servicePattern,
    ...(source.environment ? { environment: source.environment } : {}),
  };
}
