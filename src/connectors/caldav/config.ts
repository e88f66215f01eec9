import { z } from 'zod';
import { baseSourceFields, duration, httpUrl, normalizeBase } from '../../config/source-base.js';
import { calendarMappingFields, normalizeCalendarMapping } from '../calendar/mapping.js';

/** `kind: caldav`: one CalDAV calendar collection (`url:` ends in the collection's path, e.g. …/ops/releases/). */
export const caldavConfigSchema = z
  .strictObject({
    kind: z.literal('caldav'),
    ...baseSourceFields,
    // ETags make a poll cheap, but a calendar still changes slowly.
    interval: duration(1000, 86_400_000, '2m').prefault('2m'),
    maxResponseSize: baseSourceFields.maxResponseSize.removeDefault().default('16MB'),
    url: httpUrl,
    ...calendarMappingFields,
  })
  .transform((source) => ({
    ...normalizeBase(source, [source.url]),
    calendar: normalizeCalendarMapping(source),
  }));

export type CaldavSourceConfig = z.output<typeof caldavConfigSchema>;
