import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startChild, waitFor } from './processes.js';
import type { Child } from './processes.js';

export const RADICALE_BINARY = '/usr/bin/radicale';

/** A real Radicale (Debian's package) on a free loopback port, one user with a plain-text password. */
export type RealRadicale = Readonly<{
  url: string;
  username: string;
  password: string;
  /** Creates a calendar collection (MKCALENDAR) and returns its URL, ending in `/`. */
  createCalendar(name: string): Promise<string>;
  /** Stores an iCalendar object at `<calendar><name>.ics`. */
  put(calendarUrl: string, name: string, ics: string): Promise<void>;
  remove(calendarUrl: string, name: string): Promise<void>;
  dispose(): Promise<void>;
}>;

export async function startRadicale(): Promise<RealRadicale> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-radicale-'));
  const username = 'goc';
  const password = 'calendar-secret';
  writeFileSync(join(dir, 'users'), `${username}:${password}\n`);
  const port = await freePort();
  writeFileSync(
    join(dir, 'config'),
    `[server]
hosts = 127.0.0.1:${port}
[auth]
type = htpasswd
htpasswd_filename = ${join(dir, 'users')}
htpasswd_encryption = plain
[rights]
type = owner_only
[storage]
filesystem_folder = ${join(dir, 'collections')}
[web]
type = none
[logging]
level = warning
`,
  );
  const url = `http://127.0.0.1:${port}`;
  const child: Child = startChild(RADICALE_BINARY, ['--config', join(dir, 'config')]);
  await waitFor(
    async () => ((await fetch(`${url}/`)).status > 0 ? true : undefined),
    `Radicale on ${url}`,
    20_000,
    () => child.output(),
  );
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  async function send(method: string, target: string, body?: string, contentType?: string): Promise<void> {
    const response = await fetch(target, {
      method,
      headers: { authorization, ...(contentType ? { 'content-type': contentType } : {}) },
      ...(body === undefined ? {} : { body }),
    });
    if (!response.ok)
      throw new Error(`${method} ${target}: ${response.status} ${await response.text()}\n${child.output()}`);
  }
  return {
    url,
    username,
    password,
    async createCalendar(name) {
      const target = `${url}/${username}/${name}/`;
      await send(
        'MKCALENDAR',
        target,
        `<?xml version="1.0"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>${name}</D:displayname></D:prop></D:set></C:mkcalendar>`,
        'application/xml',
      );
      return target;
    },
    put: (calendarUrl, name, ics) => send('PUT', `${calendarUrl}${name}.ics`, ics, 'text/calendar'),
    remove: (calendarUrl, name) => send('DELETE', `${calendarUrl}${name}.ics`),
    async dispose() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
