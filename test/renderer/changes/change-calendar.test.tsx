import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { init } from 'echarts/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangeList, ICockpitApi } from '../../../src/api/contract.js';
import type { Change, FreezeWindow } from '../../../src/domain/index.js';
import { createUiStore } from '../../../renderer/app/ui-store';
import { AlertDetailPanel } from '../../../renderer/alerts/alert-detail';
import { ChangeCalendarView } from '../../../renderer/changes/change-calendar-view';
import { ChangeStrip } from '../../../renderer/changes/change-strip';
import { FreezeBand } from '../../../renderer/changes/freeze-band';
import { createFakeApi } from '../support/fake-api';
import { makeAlert, makeDetail, makeSource, NO_CHANGES, NOW, page } from '../support/fixtures';
import { renderWithCockpit } from '../support/render';

function change(overrides: Partial<Change> & Pick<Change, 'id' | 'title'>): Change {
  return {
    sourceId: 'releases',
    description: '',
    kind: 'release',
    services: ['payments'],
    environment: 'prod',
    operator: 'Wang Fang',
    startsAt: '2026-03-10T13:50:00.000Z',
    endsAt: '2026-03-10T14:10:00.000Z',
    status: 'in-progress',
    insideFreeze: false,
    ...overrides,
  };
}

const FREEZE: FreezeWindow = {
  name: 'Spring Festival',
  startsAt: '2026-03-10T00:00:00.000Z',
  endsAt: '2026-03-12T16:00:00.000Z',
  environments: [],
  exemptions: ['payments-hotfix'],
  greenChannels: [],
  source: 'config',
};

const CHANGES: Change[] = [
  change({ id: 'releases:train', title: '[payments] release train <img src=x onerror=alert(1)>' }),
  change({
    id: 'dba:upgrade',
    title: 'orders DB upgrade',
    kind: 'database',
    services: ['orders-db'],
    insideFreeze: true,
    freeze: { name: 'Spring Festival' },
    status: 'planned',
    startsAt: '2026-03-10T18:00:00.000Z',
    endsAt: '2026-03-10T19:00:00.000Z',
  }),
];

function listOf(items: readonly Change[], input: Parameters<ICockpitApi['listChanges']>[0]): ChangeList {
  return { items, freezes: [FREEZE], from: input?.from ?? '', to: input?.to ?? '', truncated: false };
}

function calendarApi(overrides: Partial<ICockpitApi> = {}) {
  return createFakeApi({
    listChanges: (input) =>
      Promise.resolve(
        listOf(
          CHANGES.filter((item) => !input?.kind || (input.kind as readonly string[]).includes(item.kind)),
          input,
        ),
      ),
    listAlerts: () =>
      Promise.resolve(
        page([makeAlert({ id: 'am-prod:1', service: 'payments', startsAt: '2026-03-10T14:00:00Z' })]),
      ),
    ...overrides,
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});

describe('change calendar', () => {
  it('lists the day’s changes, flags the one inside a freeze and keeps hostile titles as text', async () => {
    renderWithCockpit(<ChangeCalendarView />, { api: calendarApi() });
    const table = await screen.findByRole('table', { name: 'Changes' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-change-id'))).toEqual(['releases:train', 'dba:upgrade']);
    expect(rows[1]).toHaveClass('is-inside-freeze');
    expect(within(rows[1] as HTMLElement).getByText('Inside freeze Spring Festival')).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).getByText('In progress')).toBeInTheDocument();
    expect(table.querySelector('img')).toBeNull();
    expect(within(table).getByText(/release train <img src=x/)).toBeInTheDocument();
  });

  it('draws bars by service, the freeze band and the alert start on one time axis', async () => {
    renderWithCockpit(<ChangeCalendarView />, { api: calendarApi() });
    await screen.findByRole('table', { name: 'Changes' });
    await waitFor(() => expect(vi.mocked(init)).toHaveBeenCalled());
    const chart = vi.mocked(init).mock.results.at(-1)?.value as { setOption: ReturnType<typeof vi.fn> };
    await waitFor(() => expect(chart.setOption).toHaveBeenCalled());
    const [option] = chart.setOption.mock.calls.at(-1) as [
      {
        yAxis: { data: string[] };
        series: {
          data: unknown[];
          markArea: { data: { name?: string }[][] };
          markLine: { data: { name: string }[] };
        }[];
      },
    ];
    expect(option.yAxis.data).toEqual(['orders-db', 'payments']);
    expect(option.series[0]?.data).toHaveLength(2);
    expect(option.series[0]?.markArea.data.map(([start]) => start?.name)).toEqual(['Spring Festival']);
    expect(option.series[0]?.markLine.data.map((line) => line.name)).toEqual(['payments HighErrorRate']);
  });

  it('filters by kind through the api', async () => {
    const api = calendarApi();
    renderWithCockpit(<ChangeCalendarView />, { api });
    await screen.findByRole('table', { name: 'Changes' });
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'database' } });
    await waitFor(() => {
      const rows = within(screen.getByRole('table', { name: 'Changes' }))
        .getAllByRole('row')
        .slice(1);
      expect(rows.map((row) => row.getAttribute('data-change-id'))).toEqual(['dba:upgrade']);
    });
    expect(api.listChanges).toHaveBeenLastCalledWith(expect.objectContaining({ kind: ['database'] }));
  });

  it('moves a week at a time', async () => {
    const api = calendarApi();
    renderWithCockpit(<ChangeCalendarView />, { api });
    await screen.findByRole('table', { name: 'Changes' });
    fireEvent.click(screen.getByRole('button', { name: 'Week' }));
    fireEvent.click(screen.getByRole('button', { name: 'Later' }));
    await waitFor(() => expect(api.listChanges).toHaveBeenCalledTimes(3));
    const input = api.listChanges.mock.calls.at(-1)?.[0];
    expect(Date.parse(input?.to ?? '') - Date.parse(input?.from ?? '')).toBe(7 * 86_400_000);
    expect(Date.parse(input?.from ?? '')).toBeGreaterThan(NOW);
  });

  it('says so when the range has no changes', async () => {
    renderWithCockpit(<ChangeCalendarView />, {
      api: calendarApi({ listChanges: (input) => Promise.resolve(listOf([], input)) }),
    });
    expect(await screen.findByText('No changes in this range.')).toBeInTheDocument();
  });
});

describe('freeze band', () => {
  it('spans the war room while a freeze is in force, in Chinese too', async () => {
    const api = createFakeApi({ getFreezes: () => Promise.resolve({ items: [FREEZE], active: FREEZE }) });
    const store = createUiStore({ initial: { language: 'zh-CN' } });
    renderWithCockpit(<FreezeBand />, { api, store });
    const band = await screen.findByRole('status', { name: '封网' });
    expect(band).toHaveAttribute('data-freeze', 'active');
    expect(band).toHaveTextContent(/封网中，至 .*（Spring Festival）/);
    expect(band).toHaveTextContent('豁免：payments-hotfix');
  });

  it('names the next freeze when none is in force', async () => {
    const api = createFakeApi({ getFreezes: () => Promise.resolve({ items: [FREEZE], next: FREEZE }) });
    renderWithCockpit(<FreezeBand />, { api });
    expect(await screen.findByText(/^Next change freeze: Spring Festival,/)).toBeInTheDocument();
  });
});

describe('war room change strip', () => {
  it('lists the last hours newest first, without cancelled changes', async () => {
    const api = createFakeApi({
      listChanges: (input) =>
        Promise.resolve(
          listOf(
            [
              change({ id: 'a', title: 'older deploy', startsAt: '2026-03-10T12:00:00.000Z' }),
              change({
                id: 'b',
                title: 'called off',
                status: 'cancelled',
                startsAt: '2026-03-10T13:00:00.000Z',
              }),
              change({
                id: 'c',
                title: 'newer deploy',
                startsAt: '2026-03-10T14:00:00.000Z',
                insideFreeze: true,
                freeze: { name: 'Spring Festival' },
              }),
            ],
            input,
          ),
        ),
    });
    renderWithCockpit(<ChangeStrip />, { api });
    const strip = await screen.findByRole('region', { name: 'Changes now and in the last 4 h' });
    await waitFor(() => expect(strip.querySelectorAll('[data-change-id]')).toHaveLength(2));
    expect(
      [...strip.querySelectorAll('[data-change-id]')].map((item) => item.getAttribute('data-change-id')),
    ).toEqual(['c', 'a']);
    // Under the band that names the freeze, the strip's mark is short; the whole sentence is its tooltip.
    const mark = within(strip).getByText('Inside freeze');
    expect(mark).toHaveAttribute('title', 'Inside freeze Spring Festival');
    const input = api.listChanges.mock.calls[0]?.[0];
    expect(Date.parse(input?.to ?? '') - Date.parse(input?.from ?? '')).toBe(4 * 3_600_000 + 60_000);
  });
});

describe('what changed, in the alert detail', () => {
  it('lists the candidate changes with who, when, where and why', async () => {
    const api = createFakeApi({
      ...NO_CHANGES,
      listSources: () => Promise.resolve({ sources: [makeSource()] }),
      getAlert: () => Promise.resolve(makeDetail({ id: 'am-prod:1', service: 'payments' })),
      getAlertChanges: () =>
        Promise.resolve({
          lookBackMinutes: 240,
          items: [
            {
              change: change({
                id: 'releases:train',
                title: '[payments] release train',
                url: 'https://ci.example/run/1',
              }),
              score: 0.75,
              reason: { hops: 0, minutesBefore: 10, inProgress: false, text: 'same service, 10 min before' },
            },
          ],
        }),
    });
    renderWithCockpit(<AlertDetailPanel alertId="am-prod:1" onClose={() => undefined} />, { api });
    const section = await screen.findByRole('region', { name: 'What changed' });
    expect(await within(section).findByText('[payments] release train')).toBeInTheDocument();
    expect(within(section).getByText(/same service, 10m before · score 0\.75/)).toBeInTheDocument();
    expect(within(section).getByText(/Wang Fang · prod · releases/)).toBeInTheDocument();
    expect(within(section).getByRole('link', { name: 'https://ci.example/run/1' })).toBeInTheDocument();
  });

  it('says nothing changed on the alert’s service', async () => {
    const api = createFakeApi({
      ...NO_CHANGES,
      listSources: () => Promise.resolve({ sources: [makeSource()] }),
      getAlert: () => Promise.resolve(makeDetail({ id: 'am-prod:1', service: 'payments' })),
    });
    renderWithCockpit(<AlertDetailPanel alertId="am-prod:1" onClose={() => undefined} />, { api });
    expect(
      await screen.findByText('No changes on payments in the 4 h before this alert started.'),
    ).toBeInTheDocument();
  });
});
