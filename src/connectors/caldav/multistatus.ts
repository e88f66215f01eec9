import { DOMParser } from '@xmldom/xmldom';
import type { Document, Element } from '@xmldom/xmldom';

const DAV = 'DAV:';
const CALDAV = 'urn:ietf:params:xml:ns:caldav';

/** One calendar object resource of a REPORT answer. */
export type DavItem = Readonly<{ href: string; etag?: string; calendarData?: string }>;

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `20261202T101500Z`: the UTC form CalDAV's time-range takes. */
function davTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 4791 §7.8: the events overlapping [from, to), only their ETags (the bodies come by multiget). */
export function calendarQueryBody(fromMs: number, toMs: number): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/></D:prop>
  <C:filter>
    <C:comp-filter name="VCALENDAR">
      <C:comp-filter name="VEVENT">
        <C:time-range start="${davTime(fromMs)}" end="${davTime(toMs)}"/>
      </C:comp-filter>
    </C:comp-filter>
  </C:filter>
</C:calendar-query>`;
}

/** RFC 4791 §7.9: the ETags and bodies of the named resources. */
export function calendarMultigetBody(hrefs: readonly string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
${hrefs.map((href) => `  <D:href>${escapeXml(href)}</D:href>`).join('\n')}
</C:calendar-multiget>`;
}

/**
 * RFC 6578 §3.2: what changed in the collection since `token` (all of it without one), with only
 * ETags (the bodies come by multiget, in batches the byte cap allows).
 */
export function syncCollectionBody(token: string | undefined): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<D:sync-collection xmlns:D="DAV:">
  <D:sync-token>${token === undefined ? '' : escapeXml(token)}</D:sync-token>
  <D:sync-level>1</D:sync-level>
  <D:prop><D:getetag/></D:prop>
</D:sync-collection>`;
}

/** A 207 body that cannot be read; `message` says why (never quoting the body). */
export class MultistatusError extends Error {
  override name = 'MultistatusError';
}

function firstText(parent: Element, namespace: string, name: string): string | undefined {
  const found = parent.getElementsByTagNameNS(namespace, name)[0];
  return found?.textContent ?? undefined;
}

/**
 * Reads a WebDAV multistatus: every `response` whose propstat answered 200, with its href, ETag and
 * calendar data (RFC 4918 §14.16). Responses that are 404 (deleted between query and multiget) are
 * left out.
 */
export function parseMultistatus(xml: string): DavItem[] {
  return readItems(readDocument(xml));
}

/** A sync-collection answer: the new token, the changed resources and the removed hrefs (404). */
export type SyncAnswer = Readonly<{ token?: string; changed: DavItem[]; removed: string[] }>;

/** Reads an RFC 6578 sync-collection multistatus (§3.5: a removed member is a response with 404). */
export function parseSyncCollection(xml: string): SyncAnswer {
  const root = readDocument(xml);
  const removed: string[] = [];
  const responses = root.getElementsByTagNameNS(DAV, 'response');
  for (let index = 0; index < responses.length; index += 1) {
    const response = responses[index];
    if (!response) continue;
    const href = firstText(response, DAV, 'href')?.trim();
    const status = [...childElements(response)].find((child) => child.localName === 'status');
    if (href && status && /\s404\s/.test(` ${status.textContent ?? ''} `)) removed.push(href);
  }
  const tokens = [...childElements(root)].filter(
    (child) => child.namespaceURI === DAV && child.localName === 'sync-token',
  );
  const token = tokens[0]?.textContent?.trim();
  return { ...(token ? { token } : {}), changed: readItems(root), removed };
}

function* childElements(parent: Element): Generator<Element> {
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === child.ELEMENT_NODE) yield child as Element;
  }
}

/** The `DAV:multistatus` root of a 207 body; throws a MultistatusError for anything else. */
function readDocument(xml: string): Element {
  let document: Document;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new MultistatusError(message);
      },
    }).parseFromString(xml, 'application/xml');
  } catch (error) {
    // xmldom wraps our own error: 'Reporting fatalError "unclosed xml tag(s): …" caused …'.
    const text = error instanceof Error ? error.message : '';
    const reason = /fatalError "([^"]*)"/.exec(text)?.[1] ?? text.split('\n')[0] ?? 'unreadable';
    throw new MultistatusError(`the XML is broken (${reason.slice(0, 120)})`);
  }
  const root = document.documentElement;
  if (!root || root.namespaceURI !== DAV || root.localName !== 'multistatus') {
    throw new MultistatusError(`the answer is <${root?.localName ?? '?'}>, not a WebDAV <multistatus>`);
  }
  return root;
}

function readItems(root: Element): DavItem[] {
  const items: DavItem[] = [];
  const responses = root.getElementsByTagNameNS(DAV, 'response');
  for (let index = 0; index < responses.length; index += 1) {
    const response = responses[index];
    if (!response) continue;
    const href = firstText(response, DAV, 'href')?.trim();
    if (!href) continue;
    const propstats = response.getElementsByTagNameNS(DAV, 'propstat');
    for (let stat = 0; stat < propstats.length; stat += 1) {
      const propstat = propstats[stat];
      if (!propstat || !/\s200\s/.test(` ${firstText(propstat, DAV, 'status') ?? ''} `)) continue;
      const etag = firstText(propstat, DAV, 'getetag')?.trim();
      const calendarData = firstText(propstat, CALDAV, 'calendar-data');
      items.push({ href, ...(etag ? { etag } : {}), ...(calendarData ? { calendarData } : {}) });
    }
  }
  return items;
}
