import { act } from '@testing-library/react';
import type { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { FEATURES } from '../../../renderer/app/features';
import { queryKeys, queryKeysForTopics } from '../../../renderer/app/query-keys';
import { DEFAULT_ALERT_FILTER } from '../../../renderer/app/ui-store';
import { useChangeEvents, useRefetchOnReconnect } from '../../../renderer/app/use-change-events';
import { createConnectionState } from '../../../renderer/bridge/connection-state';
import { createChangeChannel, createFakeApi } from '../support/fake-api';
import { makeDetail, makeOverview, makeTimeline } from '../support/fixtures';
import { renderWithCockpit } from '../support/render';
import { useBoard } from '../../../renderer/war-room/board-query';

function Subscriber() {
  useChangeEvents(FEATURES);
  useRefetchOnReconnect();
  return null;
}

const KEYS = {
  overview: queryKeys.overview(),
  sources: queryKeys.sources(),
  list: queryKeys.alertList(DEFAULT_ALERT_FILTER, 500),
  board: queryKeys.alertBoard(),
  detail: queryKeys.alertDetail('am-prod:1'),
  timeline: queryKeys.timeline({ hours: 6, bucketMinutes: 5 }),
};

/** Seeds every kind of query without observers, so invalidation marks them and fetches nothing. */
function seed(queryClient: QueryClient): void {
  queryClient.setQueryData(KEYS.overview, makeOverview());
  queryClient.setQueryData(KEYS.sources, []);
  queryClient.setQueryData(KEYS.list, { pages: [], pageParams: [] });
  queryClient.setQueryData(KEYS.board, { total: 0, groups: [] });
  queryClient.setQueryData(KEYS.detail, makeDetail({ id: 'am-prod:1' }));
  queryClient.setQueryData(KEYS.timeline, makeTimeline());
}

function invalidated(queryClient: QueryClient): string[] {
  return Object.entries(KEYS)
    .filter(([, queryKey]) => queryClient.getQueryState(queryKey)?.isInvalidated)
    .map(([name]) => name)
    .sort();
}

function setup(connection = createConnectionState('online')) {
  const channel = createChangeChannel();
  const api = createFakeApi({ onDidChange: channel.onDidChange });
  const rendered = renderWithCockpit(<Subscriber />, { api, connection });
  seed(rendered.queryClient);
  return { ...rendered, channel };
}

describe('change events', () => {
  it('maps topics to the query-key roots the features declare', () => {
    expect(queryKeysForTopics(['alerts'], FEATURES)).toEqual([
      ['alerts'],
      ['timeline'],
      ['changes', 'alert'],
      ['slos', 'detail'],
      ['topology'],
    ]);
    expect(queryKeysForTopics(['slos'], FEATURES)).toEqual([['slos']]);
    expect(queryKeysForTopics(['topology'], FEATURES)).toEqual([['alerts'], ['topology']]);
    expect(queryKeysForTopics(['changes'], FEATURES)).toEqual([['changes']]);
    expect(queryKeysForTopics(['sources', 'overview', 'sources'], FEATURES)).toEqual([
      ['sources'],
      ['overview'],
    ]);
    expect(queryKeysForTopics([], FEATURES)).toEqual([]);
  });

  it('unites the roots of every feature that depends on a topic, once each', () => {
    const features = [
      { invalidates: { alerts: [['alerts'], ['slo']] } },
      { invalidates: { alerts: [['alerts']], sources: [['sources']] } },
      { invalidates: {} },
    ];
    expect(queryKeysForTopics(['alerts'], features)).toEqual([['alerts'], ['slo']]);
    expect(queryKeysForTopics(['overview'], features)).toEqual([]);
  });

  it('"alerts" invalidates alert lists, the board, details and the timeline only', async () => {
    const { channel, queryClient } = setup();
    act(() => channel.emit({ topics: ['alerts'], version: 2 }));
    await vi.waitFor(() => expect(invalidated(queryClient)).toEqual(['board', 'detail', 'list', 'timeline']));
  });

  it('"sources" invalidates the sources only', async () => {
    const { channel, queryClient } = setup();
    act(() => channel.emit({ topics: ['sources'], version: 2 }));
    await vi.waitFor(() => expect(invalidated(queryClient)).toEqual(['sources']));
  });

  it('"overview" invalidates the overview only', async () => {
    const { channel, queryClient } = setup();
    act(() => channel.emit({ topics: ['overview'], version: 2 }));
    await vi.waitFor(() => expect(invalidated(queryClient)).toEqual(['overview']));
  });

  it('refetches a first fetch that was still in flight when the change arrived', async () => {
    const channel = createChangeChannel();
    const answers = [
      { total: 0, groups: [] },
      { total: 1, groups: [] },
    ];
    let release!: () => void;
    const firstHeld = new Promise<void>((resolve) => (release = resolve));
    const api = createFakeApi({
      onDidChange: channel.onDidChange,
      // The first answer was read before the change and arrives after it.
      getBoard: vi.fn(async () => {
        const answer = answers.shift()!;
        if (answer.total === 0) await firstHeld;
        return answer;
      }),
    });
    function Board() {
      useChangeEvents(FEATURES);
      const board = useBoard();
      return <p>{board.data === undefined ? 'loading' : `total ${board.data.total}`}</p>;
    }
    const { findByText } = renderWithCockpit(<Board />, { api });
    await vi.waitFor(() => expect(api.getBoard).toHaveBeenCalledTimes(1));
    act(() => channel.emit({ topics: ['alerts'], version: 2 }));
    release();
    expect(await findByText('total 1')).toBeTruthy();
    expect(api.getBoard).toHaveBeenCalledTimes(2);
  });

  it('unsubscribes when the app unmounts', () => {
    const { channel, unmount } = setup();
    expect(channel.listenerCount).toBe(1);
    unmount();
    expect(channel.listenerCount).toBe(0);
  });

  it('refetches everything whenever the event stream opens, since events sent before it opened are lost', () => {
    const all = ['board', 'detail', 'list', 'overview', 'sources', 'timeline'];
    const connection = createConnectionState('connecting');
    const { queryClient } = setup(connection);
    expect(invalidated(queryClient)).toEqual([]);
    // First open: a change applied between the first fetches and the stream opening was missed.
    act(() => connection.set('online'));
    expect(invalidated(queryClient)).toEqual(all);
    seed(queryClient);
    act(() => connection.set('lost'));
    expect(invalidated(queryClient)).toEqual([]);
    act(() => connection.set('online'));
    expect(invalidated(queryClient)).toEqual(all);
  });

  it('does not refetch on mount when the transport is online from the start (IPC)', () => {
    const { queryClient } = setup(createConnectionState('online'));
    expect(invalidated(queryClient)).toEqual([]);
  });
});
