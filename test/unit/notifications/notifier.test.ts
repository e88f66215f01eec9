import { describe, expect, it, vi } from 'vitest';
import type { Severity } from '../../../src/domain/index.js';
import type { NotifiableAlert } from '../../../src/notifications/decide.js';
import { createAlertNotifier, deferNotifications } from '../../../src/notifications/notifier.js';
import type { CoreNotifications, NotifyEvent } from '../../../src/notifications/notifier.js';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');

function alert(id: string, severity: Severity = 'critical'): NotifiableAlert {
  return {
    id,
    sourceId: 'am',
    name: `Rule ${id}`,
    severity,
    state: 'firing',
    summary: `summary ${id}`,
    service: `svc-${id}`,
    startsAt: '2026-03-01T00:00:00.000Z',
    stale: false,
  };
}

function setup() {
  let firing: NotifiableAlert[] = [];
  let fail: Error | undefined;
  const errors: unknown[] = [];
  const read = vi.fn((severities: readonly Severity[], _limit: number) => {
    if (fail) throw fail;
    return firing.filter((one) => severities.includes(one.severity));
  });
  const notifier = createAlertNotifier({
    firing: read,
    readySourceIds: () => new Set(['am']),
    now: () => T0,
    minSeverity: 'critical',
    onError: (error) => errors.push(error),
  });
  const events: NotifyEvent[] = [];
  notifier.onNotify((event) => events.push(event));
  return {
    notifier,
    read,
    events,
    errors,
    fire: (alerts: NotifiableAlert[]) => (firing = alerts),
    failReads: (error: Error | undefined) => (fail = error),
  };
}

describe('the core notifier', () => {
  it('publishes a decision once per new alert, with the words in every language', () => {
    const core = setup();
    core.notifier.check();
    expect(core.events).toEqual([]);
    core.fire([alert('a')]);
    core.notifier.check();
    core.notifier.check();
    expect(core.events).toHaveLength(1);
    expect(core.events[0]).toMatchObject({
      at: '2026-03-01T00:00:00.000Z',
      intents: [
        {
          kind: 'alert',
          alertId: 'a',
          localized: { en: { title: 'Critical · svc-a' }, 'zh-CN': { title: '致命 · svc-a' } },
        },
      ],
    });
  });

  it('reads only the severities at or above its threshold, and absorbs the newly eligible silently', () => {
    const core = setup();
    core.fire([alert('h', 'high')]);
    core.notifier.check();
    expect(core.read).toHaveBeenLastCalledWith(['critical'], 100_000);
    core.notifier.setMinSeverity('high');
    expect(core.read).toHaveBeenLastCalledWith(['critical', 'high'], 100_000);
    expect(core.events).toEqual([]);
    core.fire([alert('h', 'high'), alert('h2', 'high')]);
    core.notifier.check();
    expect(
      core.events.flatMap((event) =>
        event.intents.map((intent) => intent.kind === 'alert' && intent.alertId),
      ),
    ).toEqual(['h2']);
  });

  it('keeps its memory when a read fails, so a failed read does not make old alerts new', () => {
    const core = setup();
    core.notifier.check();
    core.fire([alert('a')]);
    core.notifier.check();
    core.failReads(new Error('database is locked'));
    core.notifier.check();
    core.failReads(undefined);
    core.notifier.check();
    expect(core.events).toHaveLength(1);
    expect(core.errors).toEqual([new Error('database is locked')]);
  });

  it('tells the other listeners when one throws', () => {
    const core = setup();
    core.notifier.onNotify(() => {
      throw new Error('socket closed');
    });
    const late: NotifyEvent[] = [];
    core.notifier.onNotify((event) => late.push(event));
    core.notifier.check();
    core.fire([alert('a')]);
    core.notifier.check();
    expect(late).toHaveLength(1);
    expect(core.events).toHaveLength(1);
    expect(core.errors).toEqual([new Error('socket closed')]);
  });

  it('stops telling a listener once disposed', () => {
    const core = setup();
    const heard: NotifyEvent[] = [];
    const subscription = core.notifier.onNotify((event) => heard.push(event));
    subscription.dispose();
    core.notifier.check();
    core.fire([alert('a')]);
    core.notifier.check();
    expect(heard).toEqual([]);
    expect(core.events).toHaveLength(1);
  });
});

describe('deferNotifications', () => {
  it('subscribes and passes the threshold on once the core is up', async () => {
    const listeners: ((event: NotifyEvent) => void)[] = [];
    const started: CoreNotifications = {
      onNotify: (listener) => {
        listeners.push(listener);
        return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
      },
      setMinSeverity: vi.fn(),
    };
    let resolve!: (value: CoreNotifications) => void;
    const deferred = deferNotifications(new Promise((done) => (resolve = done)));
    const heard: NotifyEvent[] = [];
    deferred.onNotify((event) => heard.push(event));
    const dropped = deferred.onNotify(() => heard.push({ intents: [], at: 'never' }));
    dropped.dispose();
    deferred.setMinSeverity('warning');
    resolve(started);
    await vi.waitFor(() => expect(listeners).toHaveLength(1));
    expect(started.setMinSeverity).toHaveBeenCalledWith('warning');
    listeners[0]!({ intents: [], at: 'now' });
    expect(heard).toEqual([{ intents: [], at: 'now' }]);
  });
});
