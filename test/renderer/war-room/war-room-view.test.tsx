import { fireEvent, screen, within } from '@testing-library/react';
import { init } from 'echarts/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ICockpitApi } from '../../../src/api/contract.js';
import type { Alert, SourceInfo } from '../../../src/domain/index.js';
import { createUiStore } from '../../../renderer/app/ui-store';
import { WarRoomView } from '../../../renderer/war-room/war-room-view';
import { createFakeApi, never } from '../support/fake-api';
import { makeAlert, makeOverview, makeSource, makeTimeline, NO_CHANGES, NOW } from '../support/fixtures';
import { boardOf } from '../support/board';
import { renderWithCockpit } from '../support/render';

const ALERTS: Alert[] = [
  makeAlert({ id: 'w1', service: 'search', severity: 'warning', name: 'SlowQueries' }),
  makeAlert({ id: 'c1', service: 'checkout', severity: 'critical', name: 'PaymentsDown' }),
  makeAlert({ id: 'h1', service: 'login', severity: 'high', name: 'HighLatency' }),
  makeAlert({ id: 'h2', service: 'login', severity: 'high', name: 'HighLatency' }),
];

function warRoomApi(overrides: Partial<ICockpitApi> = {}, sources: SourceInfo[] = [makeSource()]) {
  return createFakeApi({
    ...NO_CHANGES,
    getOverview: () => Promise.resolve(makeOverview()),
    listSources: () => Promise.resolve({ sources }),
    getBoard: () => Promise.resolve(boardOf(ALERTS)),
    listSlos: () => Promise.resolve({ items: [], problems: [] }),
    getTimeline: () => Promise.resolve(makeTimeline()),
    ...overrides,
  });
}

function board(): HTMLElement {
  return screen.getByRole('region', { name: 'Alert board' });
}

beforeEach(() => {
  // Only Date is faked: React Query and Testing Library keep their real timers.
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});

describe('war room: explicit states', () => {
  it('shows loading while the api has not answered', () => {
    const api = createFakeApi({
      getOverview: never,
      listSources: never,
      getBoard: never,
      listSlos: never,
      getTimeline: never,
      getFreezes: never,
      listChanges: never,
    });
    renderWithCockpit(<WarRoomView />, { api });
    expect(within(board()).getByRole('status')).toHaveAttribute('data-state', 'loading');
    expect(screen.getByText('Waiting for data')).toBeInTheDocument();
  });

  it('shows the error sentence and retries on request', async () => {
    let attempts = 0;
    const api = warRoomApi({
      getBoard: () => {
        attempts += 1;
        return attempts === 1
          ? Promise.reject(new Error('The cockpit host answered 500 to GET /api/board: cache is locked'))
          : Promise.resolve(boardOf(ALERTS));
      },
    });
    renderWithCockpit(<WarRoomView />, { api });
    const error = await within(board()).findByRole('alert');
    expect(error).toHaveAttribute('data-state', 'error');
    expect(error).toHaveTextContent('cache is locked');
    fireEvent.click(within(error).getByRole('button', { name: 'Retry' }));
    expect(await within(board()).findByRole('listbox')).toBeInTheDocument();
  });

  it('says "all clear" when no alert is active', async () => {
    renderWithCockpit(<WarRoomView />, { api: warRoomApi({ getBoard: () => Promise.resolve(boardOf([])) }) });
    const empty = await within(board()).findByText('All clear: no active alerts.');
    expect(empty).toHaveAttribute('data-state', 'empty');
  });

  it('says that no sources are configured instead of "all clear"', async () => {
    const api = warRoomApi({ getBoard: () => Promise.resolve(boardOf([])) }, []);
    renderWithCockpit(<WarRoomView />, { api });
    expect(await within(board()).findByText('No sources are configured.')).toBeInTheDocument();
    expect(within(board()).queryByText('All clear: no active alerts.')).not.toBeInTheDocument();
  });

  it('keeps alerts of a stale source on screen, hatched (never faded), "as of" its last success', async () => {
    const sources = [
      makeSource(),
      makeSource({
        id: 'am-dr',
        sourceId: 'am-dr',
        name: 'Alertmanager DR',
        state: 'stale',
        lastSuccessAt: '2026-03-10T14:02:00Z',
        lastError: 'timed out after 10 s',
      }),
    ];
    const alerts = [
      ...ALERTS,
      makeAlert({ id: 'dr1', sourceId: 'am-dr', service: 'dr-site', severity: 'critical', stale: true }),
    ];
    renderWithCockpit(<WarRoomView />, {
      api: warRoomApi({ getBoard: () => Promise.resolve(boardOf(alerts)) }, sources),
    });
    const card = (await within(board()).findByText('dr-site')).closest('article')!;
    expect(card).toHaveClass('is-stale');
    expect(within(card).getAllByText('as of 14:02').length).toBeGreaterThan(0);
    const notice = within(board())
      .getByText(/1 source is failing/)
      .closest('[data-state]');
    expect(notice).toHaveAttribute('data-state', 'stale');
    expect(notice).toHaveTextContent('Alertmanager DR · as of 14:02');
    const fresh = within(board()).getByText('checkout').closest('article')!;
    expect(fresh).not.toHaveClass('is-stale');
  });

  it('shows data worst first, top-left', async () => {
    renderWithCockpit(<WarRoomView />, { api: warRoomApi() });
    await within(board()).findByText('checkout');
    const services = within(board())
      .getAllByRole('option')
      .map((option) => option.querySelector('article')?.dataset.service);
    expect(services).toEqual(['checkout', 'login', 'search']);
    expect(within(board()).queryByRole('status')).toBeNull();
  });
});

describe('war room: service display names', () => {
  const titled = () => {
    const board = boardOf(ALERTS);
    return {
      ...board,
      groups: board.groups.map((group) =>
        group.service === 'checkout' ? { ...group, title: { en: 'Checkout', 'zh-CN': '结账' } } : group,
      ),
    };
  };

  it.each([
    ['en', 'Checkout'],
    ['zh-CN', '结账'],
  ] as const)(
    'names a titled service in %s, its id as the tooltip; others by their id',
    async (language, name) => {
      const store = createUiStore({ initial: { language } });
      renderWithCockpit(<WarRoomView />, {
        api: warRoomApi({ getBoard: () => Promise.resolve(titled()) }),
        store,
      });
      const heading = await screen.findByText(name, { selector: '.service-name' });
      expect(heading).toHaveAttribute('title', 'checkout');
      expect(heading.closest('article')).toHaveAttribute('data-service', 'checkout');
      expect(screen.getByText('login', { selector: '.service-name' })).not.toHaveAttribute('title');
    },
  );
});

describe('war room: header', () => {
  it('counts firing alerts by severity with English names', async () => {
    renderWithCockpit(<WarRoomView />, { api: warRoomApi() });
    const critical = await screen.findByText('2', { selector: '[data-severity="critical"] > *' });
    expect(critical.closest('li')).toHaveTextContent('2Critical');
    expect(screen.getByText('High', { selector: '.severity-count-name' }).closest('li')).toHaveTextContent(
      '1High',
    );
  });

  it('names severities in Chinese', async () => {
    const store = createUiStore({ initial: { language: 'zh-CN' } });
    renderWithCockpit(<WarRoomView />, { api: warRoomApi(), store });
    const names = await screen.findAllByText(/致命|严重|预警|提醒/, { selector: '.severity-count-name' });
    expect(names.map((name) => name.textContent)).toEqual(['致命', '严重', '预警', '提醒']);
  });

  it.each([
    [10, 'fresh', 'Data 10s old'],
    [90, 'amber', 'Oldest data 1m old — Alertmanager DR'],
    [200, 'red', 'Oldest data 3m old — Alertmanager DR'],
  ])('follows the oldest source: data %i s old is %s', async (seconds, freshness, text) => {
    const sources = [
      makeSource({ lastSuccessAt: new Date(NOW - 1000).toISOString() }),
      makeSource({
        id: 'am-dr',
        sourceId: 'am-dr',
        name: 'Alertmanager DR',
        lastSuccessAt: new Date(NOW - seconds * 1000).toISOString(),
      }),
    ];
    renderWithCockpit(<WarRoomView />, { api: warRoomApi({}, sources) });
    const label = await screen.findByText(text);
    expect(label).toHaveAttribute('data-freshness', freshness);
    const chip = screen.getByText('Alertmanager DR', { selector: '.source-name' }).closest('li');
    expect(chip).toHaveAttribute('data-freshness', freshness);
  });

  it('says which source never answered', async () => {
    const sources = [
      makeSource(),
      makeSource({ id: 'zbx', sourceId: 'zbx', name: 'Zabbix', state: 'error', lastSuccessAt: undefined }),
    ];
    renderWithCockpit(<WarRoomView />, { api: warRoomApi({}, sources) });
    expect(await screen.findByText('Zabbix never answered')).toHaveAttribute('data-freshness', 'never');
  });

  it('shows sources ok / stale / error', async () => {
    const overview = makeOverview({ sources: { pending: 0, ok: 3, stale: 1, error: 2, total: 6 } });
    renderWithCockpit(<WarRoomView />, { api: warRoomApi({ getOverview: () => Promise.resolve(overview) }) });
    expect(
      await screen.findByText('2', { selector: '[data-source-state="error"] strong' }),
    ).toBeInTheDocument();
    expect(screen.getByText('1', { selector: '[data-source-state="stale"] strong' })).toBeInTheDocument();
  });
});

describe('war room: board behaviour', () => {
  it('shows what fits of 2 000 services and counts every other one in "+ N more"', async () => {
    const alerts = Array.from({ length: 10_000 }, (_, index) =>
      makeAlert({ id: `a${index}`, service: `svc-${index % 2000}`, name: `Rule${index % 7}` }),
    );
    renderWithCockpit(<WarRoomView />, {
      api: warRoomApi({ getBoard: () => Promise.resolve(boardOf(alerts)) }),
    });
    const options = await within(board()).findAllByRole('option');
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThan(200);
    const more = within(board()).getByRole('status');
    expect(more).toHaveTextContent(`+ ${(2000 - options.length).toLocaleString('en')} more services:`);
    expect(more).toHaveTextContent(`${(2000 - options.length).toLocaleString('en')} Warning`);
  });

  it('reads the grouped board in one call and never downloads the alerts themselves', async () => {
    const api = warRoomApi();
    renderWithCockpit(<WarRoomView />, { api });
    await within(board()).findAllByRole('option');
    expect(api.getBoard).toHaveBeenCalledTimes(1);
    expect(api.listAlerts).not.toHaveBeenCalled();
  });

  it('opens the worst alert of a service with Enter', async () => {
    const store = createUiStore({ initial: { language: 'en' } });
    renderWithCockpit(<WarRoomView />, { api: warRoomApi(), store });
    await within(board()).findByText('checkout');
    const grid = within(board()).getByRole('listbox');
    fireEvent.keyDown(grid, { key: 'ArrowRight' });
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(store.getState()).toMatchObject({ view: 'alerts', selectedAlertId: 'h1' });
    expect(store.getState().filter.service).toBe('login');
  });

  it('draws the timeline with the option built for the current language and theme', async () => {
    renderWithCockpit(<WarRoomView />, { api: warRoomApi() });
    expect(await screen.findByRole('img', { name: 'Firing alerts, last 6 h' })).toBeInTheDocument();
    const chart = vi.mocked(init).mock.results.at(-1)?.value as { setOption: ReturnType<typeof vi.fn> };
    const [option] = chart.setOption.mock.calls.at(-1) as [
      { animation: boolean; series: { name: string }[] },
    ];
    expect(option.animation).toBe(false);
    expect(option.series.map((series) => series.name)).toEqual(['Critical', 'High', 'Warning', 'Info']);
  });
});
