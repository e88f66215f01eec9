import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/app/app';
import { FEATURES } from '../../../renderer/app/features';
import { createUiStore } from '../../../renderer/app/ui-store';
import {
  nextInRotation,
  parseWallSettings,
  WATCHDOG_CHECK_MS,
  WATCHDOG_STALL_MS,
} from '../../../renderer/app/wall';
import { createConnectionState } from '../../../renderer/bridge/connection-state';
import { createChangeChannel, createFakeApi } from '../support/fake-api';
import {
  makeAlert,
  makeOverview,
  makeSource,
  makeTimeline,
  NO_CHANGES,
  NOW,
  page,
  QUIET_SHELL,
} from '../support/fixtures';
import { boardOf } from '../support/board';
import { renderWithCockpit } from '../support/render';

afterEach(() => {
  vi.useRealTimers();
});

describe('wall settings from the address bar', () => {
  it('reads wall, rotation, dwell, language and theme', () => {
    expect(
      parseWallSettings('?wall=1&rotate=war-room,alerts&dwell=12&lang=zh-CN&theme=light', FEATURES),
    ).toEqual({
      wall: true,
      rotate: ['war-room', 'alerts'],
      dwellMs: 12_000,
      language: 'zh-CN',
      theme: 'light',
    });
  });

  it('skips unknown pages, bounds the dwell and ignores bad values', () => {
    expect(parseWallSettings('?rotate=alerts,nope&dwell=1&lang=fr&theme=pink', FEATURES)).toEqual({
      wall: false,
      rotate: ['alerts'],
      dwellMs: 5_000,
    });
    expect(parseWallSettings('?wall=0&dwell=abc', FEATURES)).toMatchObject({ wall: false, dwellMs: 30_000 });
  });

  it('goes round the rotation, and not at all with fewer than two pages', () => {
    expect(nextInRotation(['war-room', 'alerts'], 'war-room')).toBe('alerts');
    expect(nextInRotation(['war-room', 'alerts'], 'alerts')).toBe('war-room');
    expect(nextInRotation(['alerts'], 'war-room')).toBeUndefined();
  });
});

function wallApi(sources = [makeSource({ lastSuccessAt: new Date(NOW - 2000).toISOString() })]) {
  return createFakeApi({
    ...QUIET_SHELL,
    onDidChange: createChangeChannel().onDidChange,
    getOverview: () => Promise.resolve(makeOverview()),
    listSources: () => Promise.resolve({ sources }),
    getBoard: () =>
      Promise.resolve(boardOf([makeAlert({ id: 'a1', service: 'checkout', severity: 'critical' })])),
    getTimeline: () => Promise.resolve(makeTimeline()),
    listAlerts: () => Promise.resolve(page([makeAlert({ id: 'a1' })])),
    listSlos: () => Promise.resolve({ items: [], problems: [] }),
    ...NO_CHANGES,
  });
}

describe('wall mode', () => {
  it('hides the controls and rotates pages every dwell, pausing on a click', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: NOW });
    const store = createUiStore({ initial: { language: 'en', wall: true } });
    const wall = parseWallSettings('?wall=1&rotate=war-room,alerts&dwell=10', FEATURES);
    renderWithCockpit(<App wall={wall} />, { api: wallApi(), store });
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(store.getState().view).toBe('war-room');
    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(store.getState().view).toBe('alerts');
    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(store.getState().view).toBe('war-room');
    fireEvent.pointerDown(window);
    act(() => {
      vi.advanceTimersByTime(50_000);
    });
    expect(store.getState().view).toBe('war-room');
    // The pause is a minute from the click (at 20 s): the rotation goes on at 80 s.
    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(store.getState().view).toBe('alerts');
  });

  it('covers the screen when every source is stale, naming each and since when', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const sources = [
      makeSource({
        id: 'a',
        name: 'AM prod',
        state: 'stale',
        lastSuccessAt: new Date(NOW - 600_000).toISOString(),
        lastError: 'timed out',
      }),
      makeSource({ id: 'b', name: 'Zabbix', state: 'error', lastSuccessAt: undefined }),
    ];
    const store = createUiStore({ initial: { language: 'en', wall: true } });
    renderWithCockpit(<App wall={parseWallSettings('?wall=1', FEATURES)} />, {
      api: wallApi(sources),
      store,
    });
    const overlay = await screen
      .findByRole('alert', { name: '' })
      .catch(() => screen.findByText('NO CURRENT DATA'));
    expect(overlay).toBeTruthy();
    const box = (await screen.findByText('NO CURRENT DATA')).closest('[data-overlay="stale"]')!;
    expect(box).toHaveTextContent('AM prod silent since');
    expect(box).toHaveTextContent('timed out');
    expect(box).toHaveTextContent('Zabbix Never succeeded');
  });

  it('shows no overlay while one source is current', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const sources = [
      makeSource({ id: 'a', state: 'stale', lastSuccessAt: new Date(NOW - 600_000).toISOString() }),
      makeSource({ id: 'b', lastSuccessAt: new Date(NOW - 1000).toISOString() }),
    ];
    const store = createUiStore({ initial: { language: 'en', wall: true } });
    renderWithCockpit(<App wall={parseWallSettings('?wall=1', FEATURES)} />, {
      api: wallApi(sources),
      store,
    });
    await screen.findByText('checkout');
    expect(screen.queryByText('NO CURRENT DATA')).toBeNull();
  });

  it('reloads a wall whose data stopped moving, but only while the host answers', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: NOW });
    const reload = vi.fn();
    let up = false;
    const probe = vi.fn(() => Promise.resolve(up));
    const store = createUiStore({ initial: { language: 'en', wall: true } });
    renderWithCockpit(<App wall={parseWallSettings('?wall=1', FEATURES)} watchdog={{ probe, reload }} />, {
      api: wallApi(),
      store,
      connection: createConnectionState('online'),
    });
    await screen.findByText('checkout');
    act(() => {
      vi.advanceTimersByTime(WATCHDOG_STALL_MS - WATCHDOG_CHECK_MS);
    });
    expect(probe).not.toHaveBeenCalled();
    await act(async () => vi.advanceTimersByTime(2 * WATCHDOG_CHECK_MS));
    expect(probe).toHaveBeenCalled();
    expect(reload).not.toHaveBeenCalled();
    up = true;
    await act(async () => vi.advanceTimersByTime(WATCHDOG_CHECK_MS));
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
