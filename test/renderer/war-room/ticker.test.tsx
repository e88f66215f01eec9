import { act, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { groupAlerts } from '../support/board';
import { ServiceCard } from '../../../renderer/war-room/service-card';
import { WarRoomHeader } from '../../../renderer/war-room/war-room-header';
import { createFakeApi, never } from '../support/fake-api';
import { makeAlert, NOW } from '../support/fixtures';
import { renderWithCockpit } from '../support/render';

describe('the shared one-second ticker', () => {
  it('advances every "for 12m" from one interval, and stops it on unmount', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: NOW });
    const startsAt = new Date(NOW - 12 * 60_000).toISOString();
    const groups = groupAlerts(
      Array.from({ length: 40 }, (_, index) =>
        makeAlert({ id: `a${index}`, service: `svc-${index % 10}`, startsAt }),
      ),
    );
    const { unmount } = renderWithCockpit(
      <>
        {groups.map((group) => (
          <ServiceCard key={group.key} group={group} sourcesById={new Map()} form="full" rules={4} />
        ))}
      </>,
      { api: createFakeApi() },
    );
    expect(screen.getAllByText('for 12m')).toHaveLength(20);
    expect(vi.getTimerCount()).toBe(1);

    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(screen.queryAllByText('for 12m')).toHaveLength(0);
    expect(screen.getAllByText('for 13m')).toHaveLength(20);

    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ticks the local and UTC clocks', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: NOW });
    renderWithCockpit(<WarRoomHeader />, { api: createFakeApi({ getOverview: never, listSources: never }) });
    expect(screen.getByText('UTC').parentElement).toHaveTextContent('UTC 14:30:00');
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(screen.getByText('UTC').parentElement).toHaveTextContent('UTC 14:30:01');
    expect(screen.getByText('Local').parentElement).toHaveTextContent('Local 14:30:01');
  });
});
