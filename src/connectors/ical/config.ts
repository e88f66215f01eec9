import { z } from 'zod';
import { baseSourceFields, duration, httpUrl, normalizeBase } from '../../config/source-base.js';
import { calendarMappingFields, normalizeCalendarMapping } from '../calendar/mapping.js';

/** `kind: ical`: an iCalendar feed by `url:`, or a local `.ics` `file:` (relative to the config file). */
export const icalConfigSchema = z
  .strictObject({
    kind: z.literal('ical'),
    ...baseSourceFields,
    // A calendar changes slowly; polling it every 15 s would only cost the server.
    interval: duration(1000, 86_400_000, '5m').prefault('5m'),
    // A calendar of 50 000 events is ~15 MB; larger is more likely a wrong URL than a calendar.
    maxResponseSize: baseSourceFields.maxResponseSize.removeDefault().default('16MB'),
    url: httpUrl.optional(),
    file: z.string().min(1).optional(),
    ...calendarMappingFields,
  })
  .superRefine((source, ctx) => {
    if (!source.url === !source.file) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'an ical source needs either url: or file:' });
    }
  })
  .transform((source) => ({
    ...normalizeBase(source, source.url ? [source.url] : []),
    ...(source.file ? { file: source.file } : {}),
    calendar: normalizeCalendarMapping(source),
  }));

export type IcalSourceConfig = z.output<typeof icalConfigSchema>;
