import { describe, expect, it } from 'vitest';
import { notificationBody } from '../../electron/notification-markup.js';

describe('notification bodies (issue 15, finding 9)', () => {
  const hostile =
    'Disk <b>full</b> <a href="http://evil.example">fix</a> <img src="http://evil.example/x"> & more';

  it('are escaped for Linux notification daemons, which read markup', () => {
    const body = notificationBody(hostile, 'linux');
    expect(body).not.toMatch(/[<>"]/);
    expect(body).toBe(
      'Disk &#60;b&#62;full&#60;/b&#62; &#60;a href=&#34;http://evil.example&#34;&#62;fix&#60;/a&#62; &#60;img src=&#34;http://evil.example/x&#34;&#62; &#38; more',
    );
  });

  it('stay as they are where bodies are plain text', () => {
    expect(notificationBody(hostile, 'darwin')).toBe(hostile);
    expect(notificationBody(hostile, 'win32')).toBe(hostile);
  });
});
