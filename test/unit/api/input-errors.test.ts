import { describe, expect, it } from 'vitest';
import { ChangeEmitter } from '../../../src/api/change-emitter.js';
import { createDispatcher } from '../../../src/api/dispatch.js';
import { API_SPEC } from '../../../src/api/spec/index.js';
import type { HandlersOf } from '../../../src/api/spec/types.js';
import { silentLogger } from '../../../src/logger.js';

// No handler may run: every input below is refused by the edge before it reaches one.
const handlers = new Proxy({} as HandlersOf<typeof API_SPEC>, {
  get: () => () => Promise.reject(new Error('a handler ran for an invalid input')),
});
const dispatcher = createDispatcher({
  spec: API_SPEC,
  handlers,
  changes: new ChangeEmitter(),
  logger: silentLogger,
});

describe('invalid-input names the field, what was given and what is allowed', () => {
  it.each([
    [
      'listAlerts',
      { severity: 'bogus' },
      'severity: "bogus" is not allowed; use one of critical, high, warning, info',
    ],
    [
      'listAlerts',
      { state: ['firing', 'asleep'] },
      'state.1: "asleep" is not allowed; use one of firing, pending, acknowledged, silenced, resolved',
    ],
    [
      'listAlerts',
      { severty: 'critical' },
      'unknown parameter "severty"; did you mean "severity"? (allowed: severity, state, source, service, q, label, unclaimed, sort, limit, offset)',
    ],
    ['listAlerts', { limit: 'abc' }, 'limit: is not a number; expected a number'],
    ['listAlerts', { limit: '0' }, 'limit: is 0; it must be at least 1'],
    [
      'listAlerts',
      { sort: 'newest' },
      'sort: "newest" is not allowed; use one of severity, startsAt, name, service, source',
    ],
    ['getAlert', {}, 'id: is required (text)'],
    [
      'silenceAlert',
      { id: 'am:x', durationMinutes: 60, comment: '  ' },
      'comment: say why you are silencing this alert',
    ],
    [
      'silenceAlert',
      { id: 'am:x', durationMinutes: 'an hour', comment: 'deploy' },
      'durationMinutes: is "an hour"; expected a number',
    ],
  ])('%s %j', async (method, input, message) => {
    expect(await dispatcher.dispatch(method, input)).toEqual({
      ok: false,
      error: { code: 'invalid-input', message },
    });
  });
});
