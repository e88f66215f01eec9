/**
 * The demo estate's change calendar, as the iCalendar feed a team's ops calendar would publish: weekly
 * release trains, a daily config push, a weekly DB maintenance window, a freeze over the current
 * "holiday" with an exemption, and a deploy on the root service a few minutes before every storm,
 * so "what changed" has a true answer. A pure function of the simulator and the time, like alerts.
 */
import { hash32 } from './random.js';
import type { DemoStorm } from './storms.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Storm deploys are listed for storms this far back and ahead of now. */
const STORM_LOOK_BACK_MS = 12 * HOUR;
const STORM_LOOK_AHEAD_MS = 2 * HOUR;

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Shanghai',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const OPERATORS = ['Wang Fang', 'Li Wei', 'Zhang Min', 'Chen Jie', 'Liu Yang', 'Zhao Lei'];

/** iCalendar TEXT escaping (RFC 5545 §3.3.11). */
const text = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
const utc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
/** The Shanghai calendar date of an instant, as YYYYMMDD. */
const shanghaiDate = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10).replace(/-/g, '');

function event(lines: readonly string[]): string[] {
  return ['BEGIN:VEVENT', 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'];
}

/** The series that repeat every week or day, anchored on a fixed Monday so they never move. */
function recurringSeries(): string[] {
  return [
    ...event([
      'UID:train-order-service@demo.example',
      'DTSTART;TZID=Asia/Shanghai:20260105T200000',
      'DTEND;TZID=Asia/Shanghai:20260105T210000',
      'RRULE:FREQ=WEEKLY;BYDAY=TU,TH',
      'SUMMARY:[order-service] 订单服务发布车 release train',
      'CATEGORIES:发布',
      'ORGANIZER;CN=Orders:mailto:trading-order@demo.example',
      'X-ENVIRONMENT:prod',
      'URL:https://ci.demo.example/order-service/releases',
    ]),
    ...event([
      'UID:train-checkout@demo.example',
      'DTSTART;TZID=Asia/Shanghai:20260105T150000',
      'DTEND;TZID=Asia/Shanghai:20260105T153000',
      'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR',
      'SUMMARY:[checkout] release train',
      'CATEGORIES:RELEASE',
      'ORGANIZER;CN=Trading Marketing:mailto:trading-marketing@demo.example',
      'X-ENVIRONMENT:prod',
    ]),
    ...event([
      'UID:config-push@demo.example',
      'DTSTART;TZID=Asia/Shanghai:20260105T103000',
      'DTEND;TZID=Asia/Shanghai:20260105T104500',
      'RRULE:FREQ=DAILY',
      'SUMMARY:[config-center] daily config push',
      'CATEGORIES:CONFIG',
      'X-OPERATOR:Zhang Min',
      'X-ENVIRONMENT:prod',
    ]),
    ...event([
      'UID:dba-maintenance@demo.example',
      'DTSTART;TZID=Asia/Shanghai:20260110T020000',
      'DTEND;TZID=Asia/Shanghai:20260110T040000',
      'RRULE:FREQ=WEEKLY;BYDAY=SA',
      'SUMMARY:订单库维护窗口 mysql-order maintenance window',
      'X-SERVICE:mysql-order',
      'CATEGORIES:DBA',
      'X-OPERATOR:DBA on duty',
      'X-ENVIRONMENT:prod',
    ]),
  ];
}

/** A freeze over "today" and the two days after it (in Shanghai), payment-router exempt. */
function holidayFreeze(nowMs: number): string[] {
  return event([
    `UID:freeze-${shanghaiDate(nowMs)}@demo.example`,
    `DTSTART;VALUE=DATE:${shanghaiDate(nowMs)}`,
    `DTEND;VALUE=DATE:${shanghaiDate(nowMs + 3 * DAY)}`,
    'SUMMARY:Demo holiday freeze 节日封网',
    'CATEGORIES:封网',
    'X-EXEMPT:payment-router',
    'X-ENVIRONMENT:prod',
  ]);
}

/** A deploy on the storm's root service 3–9 minutes before it starts. */
function stormDeploy(storm: DemoStorm): string[] {
  const draw = hash32(0xc4a9, Math.floor(storm.startsAt / MINUTE));
  const startsAt = storm.startsAt - (3 + (draw % 7)) * MINUTE;
  const version = `v${2 + (draw % 5)}.${(draw >>> 3) % 20}.${(draw >>> 8) % 10}`;
  return event([
    `UID:deploy-${storm.id}@demo.example`,
    `DTSTART:${utc(startsAt)}`,
    `DTEND:${utc(startsAt + 4 * MINUTE)}`,
    `SUMMARY:${text(`deploy ${storm.rootService} ${version} to ${storm.cluster}`)}`,
    `X-SERVICE:${storm.rootService}`,
    'CATEGORIES:RELEASE',
    `X-OPERATOR:${OPERATORS[draw % OPERATORS.length] ?? 'on-call'}`,
    'X-ENVIRONMENT:prod',
    `URL:https://ci.demo.example/${storm.rootService}/deploys/${storm.id}`,
  ]);
}

/** The feed at `nowMs`, CRLF line endings as RFC 5545 wants. */
export function demoChangeCalendar(
  stormsBetween: (fromMs: number, toMs: number) => readonly DemoStorm[],
  nowMs: number,
): string {
  const storms = stormsBetween(nowMs - STORM_LOOK_BACK_MS, nowMs + STORM_LOOK_AHEAD_MS);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//On-Call Cockpit//demo estate//EN',
    'X-WR-CALNAME:Demo estate changes',
    ...VTIMEZONE,
    ...recurringSeries(),
    ...holidayFreeze(nowMs),
    ...storms.flatMap(stormDeploy),
    'END:VCALENDAR',
  ];
  return `${lines.join('\r\n')}\r\n`;
}
