import { fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SloDetail, SloStatus } from '../../../src/domain/index.js';
import { createUiStore } from '../../../renderer/app/ui-store';
import { SloStrip } from '../../../renderer/slo/slo-strip';
import { SloView } from '../../../renderer/slo/slo-view';
import { createFakeApi, never } from '../support/fake-api';
import { NOW } from '../support/fixtures';
import { renderWithCockpit } from '../support/render';

const rates = { '5m': 20, '30m': 18, '1h': 16, '2h': 9, '6h': 5, '1d': 1.6, '3d': 0.9 };

function slo(id: string, overrides: Partial<SloStatus> = {}): SloStatus {
  return {
    id,
    name: id,
    service: 'pay',
    objective: 0.999,
    window: '30d',
    windowMs: 30 * 86_400_000,
    format: 'sloth',
    state: 'ok',
    availability: 0.9995,
    errorBudget: { remaining: 0.5, consumed: 0.5 },
    burnRates: rates,
    tripping: [],
    updatedAt: new Date(NOW - 60_000).toISOString(),
    stale: false,
    ...overrides,
  };
}

// The core sorts worst first; the board keeps its order.
const ITEMS: SloStatus[] = [
  slo('pay-availability', {
    state: 'page',
    availability: 0.998,
    errorBudget: { remaining: -1, consumed: 2 },
    tripping: ['page-fast'],
  }),
  slo('login-availability', { state: 'ticket', stale: true, errorBudget: { remaining: 0.2, consumed: 0.8 } }),
  slo('search-latency', {
    state: 'no-data',
    availability: undefined,
    errorBudget: {},
    problem: 'only 3 events in the window',
  }),
  slo('order-availability'),
];

const noScenarios = () => Promise.resolve({ items: [] });

function tiles(): HTMLElement[] {
  return within(screen.getByRole('region', { name: 'SLOs and error budgets' })).getAllByRole('button');
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});

describe('SLO board', () => {
  it('shows loading until the api answers', () => {
    renderWithCockpit(<SloView />, { api: createFakeApi({ listSlos: never, listScenarios: never }) });
    expect(screen.getByRole('status')).toHaveAttribute('data-state', 'loading');
  });

  it('shows tiles worst first with budget, burn rate and explicit stale and no-data states', async () => {
    const api = createFakeApi({
      listSlos: () => Promise.resolve({ items: ITEMS, problems: [] }),
      listScenarios: noScenarios,
    });
    renderWithCockpit(<SloView />, { api });
    await screen.findByText('pay-availability');
    const all = tiles();
    expect(all.map((tile) => tile.dataset.slo)).toEqual(ITEMS.map((item) => item.id));
    const [paging, ticket, noData] = all as [HTMLElement, HTMLElement, HTMLElement];
    expect(paging).toHaveAttribute('data-state', 'page');
    expect(within(paging).getByText('Page')).toBeInTheDocument();
    // An overspent budget is shown negative, not clamped to zero.
    expect(within(paging).getByText('-100.0%')).toBeInTheDocument();
    expect(within(paging).getByText('Burning 16.0× (1 h)')).toBeInTheDocument();
    expect(within(paging).getByText('objective 99.9% · 30d', { exact: false })).toBeInTheDocument();
    expect(ticket).toHaveAttribute('data-stale', 'true');
    expect(within(ticket).getByText(/^Stale: last computed/)).toBeInTheDocument();
    expect(within(noData).getByText('Too few events to compute: no data, not 100 %.')).toBeInTheDocument();
    expect(within(noData).getByText('only 3 events in the window')).toBeInTheDocument();
  });

  it('lists the SLO files that could not be read, next to the tiles that could', async () => {
    const problem =
      'slo/pay.yaml:12: spec.budgetingMethod: SLO "pay" uses budgetingMethod Timeslices, which the cockpit does not support yet';
    const api = createFakeApi({
      listSlos: () => Promise.resolve({ items: ITEMS.slice(3), problems: [problem] }),
      listScenarios: noScenarios,
    });
    renderWithCockpit(<SloView />, { api });
    expect(await screen.findByText(problem)).toBeInTheDocument();
    expect(tiles()).toHaveLength(1);
  });

  it('opens the detail with the burn-rate table and tripping rules, in Chinese too', async () => {
    const detail: SloDetail = {
      ...ITEMS[0]!,
      exhaustsAt: new Date(NOW + 3_600_000).toISOString(),
      rules: [
        {
          rule: 'page-fast',
          long: '1h',
          short: '5m',
          factor: 14.4,
          longRate: 16,
          shortRate: 20,
          tripping: true,
        },
        {
          rule: 'page-slow',
          long: '6h',
          short: '30m',
          factor: 6,
          longRate: 5,
          shortRate: 18,
          tripping: false,
        },
      ],
      burnDown: [],
      sli: [],
      seriesFrom: 'cache',
      seriesProblem: 'source "slo": connection refused',
      alerts: [
        { id: 'a1', name: 'PaymentErrors', severity: 'critical', state: 'firing', summary: '支付错误率过高' },
      ],
    };
    const api = createFakeApi({
      listSlos: () => Promise.resolve({ items: ITEMS, problems: [] }),
      getSlo: () => Promise.resolve(detail),
      listScenarios: noScenarios,
    });
    const store = createUiStore({ initial: { language: 'zh-CN' } });
    renderWithCockpit(<SloView />, { api, store });
    fireEvent.click(await screen.findByText('pay-availability'));
    const panel = await screen.findByRole('region', { name: 'pay-availability · pay' });
    expect(api.getSlo).toHaveBeenCalledWith({ id: 'pay-availability', hours: 24 });
    expect(within(panel).getByRole('row', { name: /告急（快）/ })).toHaveClass('is-tripping');
    expect(within(panel).getByRole('row', { name: /告急（慢）/ })).not.toHaveClass('is-tripping');
    expect(within(panel).getByText('16.0×')).toBeInTheDocument();
    expect(
      within(panel).getByText(/无法查询 Prometheus（source "slo": connection refused）/),
    ).toBeInTheDocument();
    expect(within(panel).getByText('PaymentErrors')).toBeInTheDocument();
    expect(within(panel).getByText(/预算将在 .* 耗尽/)).toBeInTheDocument();
  });
});

describe('GOC scenarios', () => {
  it('shows each scenario with its availability, unstable minutes, MTTR, MTBF and breakdown', async () => {
    const api = createFakeApi({
      listSlos: () => Promise.resolve({ items: [], problems: [] }),
      listScenarios: () =>
        Promise.resolve({
          items: [
            {
              id: 'pay',
              name: '支付',
              objective: 0.9995,
              window: '30d',
              availability: 0.99838,
              unstableMinutes: 70,
              breakdown: [
                { alert: 'PaymentErrors', minutes: 40 },
                { alert: 'PaymentLatency service=payment-api', minutes: 40 },
              ],
              mttrMinutes: 35,
              mtbfMinutes: 90,
              state: 'page',
              from: 'prometheus',
              updatedAt: new Date(NOW).toISOString(),
              stale: false,
            },
          ],
        }),
    });
    renderWithCockpit(<SloView />, { api });
    const board = await screen.findByRole('region', { name: 'Business scenarios' });
    const tile = within(board).getByText('支付').closest('li')!;
    expect(tile).toHaveAttribute('data-state', 'page');
    expect(tile).toHaveAttribute('data-stale', 'false');
    expect(within(tile).getByText('99.838%')).toBeInTheDocument();
    expect(within(tile).getByText('Unstable 70 min')).toBeInTheDocument();
    expect(within(tile).getByText('MTTR 35 min · MTBF 90 min')).toBeInTheDocument();
    expect(within(tile).getByText('PaymentErrors: 40 min')).toBeInTheDocument();
    expect(within(tile).queryByText(/^Stale: last computed/)).not.toBeInTheDocument();
  });

  it('marks a scenario answered from the cache as stale, with when it was computed', async () => {
    const api = createFakeApi({
      listSlos: () => Promise.resolve({ items: [], problems: [] }),
      listScenarios: () =>
        Promise.resolve({
          items: [
            {
              id: 'pay',
              name: '支付',
              objective: 0.9995,
              window: '1d',
              availability: 0.95,
              unstableMinutes: 72,
              breakdown: [{ alert: 'PaymentErrors', minutes: 72 }],
              state: 'page',
              from: 'prometheus',
              updatedAt: new Date(NOW - 3_600_000).toISOString(),
              stale: true,
              problem: "showing the last numbers: Prometheus's ALERTS could not be read (refused)",
            },
          ],
        }),
    });
    renderWithCockpit(<SloView />, { api });
    const board = await screen.findByRole('region', { name: 'Business scenarios' });
    const tile = within(board).getByText('支付').closest('li')!;
    expect(tile).toHaveAttribute('data-stale', 'true');
    expect(within(tile).getByText('95.000%')).toBeInTheDocument();
    expect(within(tile).getByText(/^Stale: last computed/)).toBeInTheDocument();
    expect(within(tile).getByText(/^showing the last numbers/)).toBeInTheDocument();
  });
});

describe('war room SLO strip', () => {
  it('shows the worst four with their budget left and opens the SLO board', async () => {
    const many = [...ITEMS, slo('extra-1'), slo('extra-2')];
    const api = createFakeApi({ listSlos: () => Promise.resolve({ items: many, problems: [] }) });
    const store = createUiStore({ initial: { language: 'en' } });
    renderWithCockpit(<SloStrip />, { api, store });
    const strip = await screen.findByRole('region', { name: 'SLOs, worst first' });
    const chips = within(strip).getAllByRole('button');
    expect(chips.map((chip) => chip.dataset.slo)).toEqual(many.slice(0, 4).map((item) => item.id));
    expect(within(chips[0]!).getByText('-100.0% budget left')).toBeInTheDocument();
    expect(within(chips[2]!).getByText('—')).toBeInTheDocument();
    fireEvent.click(chips[0]!);
    expect(store.getState().view).toBe('slos');
  });

  it('takes no room when there are no SLOs', async () => {
    const api = createFakeApi({ listSlos: () => Promise.resolve({ items: [], problems: [] }) });
    const { container } = renderWithCockpit(<SloStrip />, { api });
    await vi.waitFor(() => expect(api.listSlos).toHaveBeenCalled());
    expect(container.querySelector('.slo-strip')).toBeNull();
  });
});
