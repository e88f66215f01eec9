// Pure functions of src/http; they live here because this folder owns the http tests (see the report).
import { describe, expect, it } from 'vitest';
import { HttpError, MAX_RETRY_AFTER_MS, formatDuration, parseRetryAfter } from '../../../src/http/errors.js';
import { redactUrl } from '../../../src/http/redact.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each<[string | undefined, number | undefined]>([
    ['0', 0],
    ['30', 30_000],
    [' 5 ', 5000],
    ['Sun, 01 Mar 2026 12:00:42 GMT', 42_000],
    ['Sunday, 01-Mar-26 12:01:00 GMT', 60_000],
    ['Sun Mar  1 12:00:10 2026', 10_000],
    ['Sun, 01 Mar 2026 11:00:00 GMT', 0],
    ['99999999', MAX_RETRY_AFTER_MS],
    ['Sun, 01 Mar 2027 12:00:00 GMT', MAX_RETRY_AFTER_MS],
    [undefined, undefined],
    ['', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['2026-03-01T12:00:42Z', undefined],
  ])('reads %j as %j ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('redactUrl', () => {
  it.each<[string, string]>([
    ['http://127.0.0.1:9093/api/v2/alerts', 'http://127.0.0.1:9093/api/v2/alerts'],
    ['https://ops:hunter2@am.example/api?active=true', 'https://am.example/api?active=true'],
    [
      'https://pd.example/x?token=a&api_key=b&apikey=c&key=d&password=e&secret=f&authToken=g&limit=5',
      'https://pd.example/x?token=REDACTED&api_key=REDACTED&apikey=REDACTED&key=REDACTED&password=REDACTED' +
        '&secret=REDACTED&authToken=REDACTED&limit=5',
    ],
    ['http://host/x#access_token=abc', 'http://host/x'],
    ['http://ops:hunter2@host:notaport/x?token=abc', 'http://host:notaport/x'],
    ['http://ops:hun/ter@2@host:bad/x', 'http://host:bad/x'],
    ['not a url?key=abc', 'not a url'],
  ])('shows %s as %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('strips control characters from text that is not a URL, so it cannot forge log lines', () => {
    expect(redactUrl('bad\nurl\r\u0000')).toBe('badurl');
  });
});

describe('HttpError and formatDuration', () => {
  it('carries its code, status and retryAfterMs and reads as a sentence', () => {
    const error = new HttpError('redirect-refused', 'GET http://a/ was redirected', { status: 302 });

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('HttpError');
    expect(error.code).toBe('redirect-refused');
    expect(error.status).toBe(302);
    expect(error.retryAfterMs).toBeUndefined();
    expect(String(error)).toBe('HttpError: GET http://a/ was redirected');
  });

  it.each<[number, string]>([
    [300, '300 ms'],
    [1000, '1 s'],
    [1500, '1.5 s'],
    [10_000, '10 s'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
