import { ApiCallError } from '../../../src/api/client.js';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ICockpitApi } from '../../../src/api/contract.js';
import type { SourceInfo } from '../../../src/domain/index.js';
import { AlertsView } from '../../../renderer/alerts/alerts-view';
import { createUiStore } from '../../../renderer/app/ui-store';
import { createFakeApi, never } from '../support/fake-api';
import { makeAlert, makeDetail, makeSource, NO_CHANGES, NOW, page } from '../support/fixtures';
import { renderWithCockpit } from '../support/render';

const ALERTS = [
  makeAlert({ id: 'am-prod:1', name: 'PaymentsDown', severity: 'critical', service: 'checkout' }),
  makeAlert({ id: 'am-prod:2', name: 'HighLatency', severity: 'high', service: 'login' }),
];

function alertsApi(overrides: Partial<ICockpitApi> = {}, sources: SourceInfo[] = [makeSource()]) {
  return createFakeApi({
    ...NO_CHANGES,
    listSources: () => Promise.resolve({ sources }),
    listAlerts: () => Promise.resolve(page(ALERTS)),
    ...overrides,
  });
}

function list(): HTMLElement {
  return screen.getByRole('region', { name: 'Alerts' });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});

describe('alerts view: list states', () => {
  it('loading', () => {
    renderWithCockpit(<AlertsView />, { api: alertsApi({ listAlerts: never, listSources: never }) });
    expect(within(list()).getByRole('status')).toHaveAttribute('data-state', 'loading');
  });

  it('error', async () => {
    renderWithCockpit(<AlertsView />, {
      api: alertsApi({ listAlerts: () => Promise.reject(new Error('The cockpit host answered 503')) }),
    });
    expect(await within(list()).findByRole('alert')).toHaveTextContent('The cockpit host answered 503');
  });

  it('empty', async () => {
    renderWithCockpit(<AlertsView />, { api: alertsApi({ listAlerts: () => Promise.resolve(page([])) }) });
    expect(await within(list()).findByText('No alerts match these filters.')).toHaveAttribute(
      'data-state',
      'empty',
    );
  });

  it('no sources', async () => {
    renderWithCockpit(<AlertsView />, {
      api: alertsApi({ listAlerts: () => Promise.resolve(page([])) }, []),
    });
    expect(await within(list()).findByText('No sources are configured.')).toBeInTheDocument();
  });

  it('stale: rows of a failing source are dimmed and say "as of"', async () => {
    const sources = [makeSource({ state: 'error', lastSuccessAt: '2026-03-10T14:02:00Z' })];
    renderWithCockpit(<AlertsView />, { api: alertsApi({}, sources) });
    const row = (await within(list()).findByText('PaymentsDown')).closest('.alert-row')!;
    expect(row).toHaveClass('is-stale');
    expect(within(row as HTMLElement).getByText('as of 14:02')).toBeInTheDocument();
  });

  it('data: rows with severity, state and the total; the next page loads at the end', async () => {
    const api = alertsApi({
      listAlerts: (filter) => (filter?.offset === 0 ? Promise.resolve(page(ALERTS, 7000)) : never()),
    });
    renderWithCockpit(<AlertsView />, { api });
    const rows = await within(list()).findAllByRole('option');
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining('CriticalPaymentsDowncheckout'),
      expect.stringContaining('HighHighLatencylogin'),
    ]);
    expect(within(list()).getByText('2 of 7,000 alerts')).toBeInTheDocument();
    expect(await within(list()).findByText('Loading more…')).toBeInTheDocument();
    expect(api.listAlerts).toHaveBeenLastCalledWith(expect.objectContaining({ offset: 2, limit: 500 }));
  });
});

describe('alerts view: filters', () => {
  it('asks the host with every filter the user set', async () => {
    const api = alertsApi();
    renderWithCockpit(<AlertsView />, { api });
    await within(list()).findAllByRole('option');
    expect(api.listAlerts).toHaveBeenLastCalledWith({
      sort: 'severity',
      state: ['firing', 'acknowledged', 'silenced'],
      limit: 500,
      offset: 0,
    });

    const filters = screen.getByRole('region', { name: 'Filters' });
    fireEvent.click(within(filters).getByRole('button', { name: 'Critical' }));
    fireEvent.click(within(filters).getByRole('button', { name: 'Warning' }));
    fireEvent.click(within(filters).getByRole('button', { name: 'Silenced' }));
    fireEvent.click(within(filters).getByRole('button', { name: 'Alertmanager prod' }));
    fireEvent.change(within(filters).getByLabelText('Sort by'), { target: { value: 'startsAt' } });
    const search = within(filters).getByLabelText('Search');
    fireEvent.change(search, { target: { value: 'disk' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    const service = within(filters).getByLabelText('Service');
    fireEvent.change(service, { target: { value: 'db' } });
    fireEvent.keyDown(service, { key: 'Enter' });
    const label = within(filters).getByLabelText('Label');
    fireEvent.change(label, { target: { value: 'team=dba' } });
    fireEvent.keyDown(label, { key: 'Enter' });
    const unclaimed = within(filters).getByRole('button', { name: 'Unclaimed only' });
    expect(unclaimed).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(unclaimed);
    expect(unclaimed).toHaveAttribute('aria-pressed', 'true');

    await waitFor(() =>
      expect(api.listAlerts).toHaveBeenLastCalledWith({
        sort: 'startsAt',
        severity: ['critical', 'warning'],
        state: ['firing', 'acknowledged'],
        source: ['am-prod'],
        service: 'db',
        q: 'disk',
        label: ['team=dba'],
        unclaimed: true,
        limit: 500,
        offset: 0,
      }),
    );
  });

  it('refuses a label filter that is not key=value', async () => {
    const api = alertsApi();
    renderWithCockpit(<AlertsView />, { api });
    await within(list()).findAllByRole('option');
    const calls = api.listAlerts.mock.calls.length;
    const label = screen.getByLabelText('Label');
    fireEvent.change(label, { target: { value: 'just-a-word' } });
    fireEvent.keyDown(label, { key: 'Enter' });
    expect(screen.getByRole('alert')).toHaveTextContent('Write a label filter as key=value.');
    expect(api.listAlerts).toHaveBeenCalledTimes(calls);
  });

  it('drops the label filter’s sentence once the field is cleared', async () => {
    const api = alertsApi();
    renderWithCockpit(<AlertsView />, { api });
    await within(list()).findAllByRole('option');
    const label = screen.getByLabelText('Label');
    fireEvent.change(label, { target: { value: 'just-a-word' } });
    fireEvent.keyDown(label, { key: 'Enter' });
    expect(screen.getByRole('alert')).toBeInTheDocument();
    fireEvent.change(label, { target: { value: '' } });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(label).toHaveAttribute('aria-invalid', 'false');
  });
});

describe('alerts view: detail', () => {
  it('opens with Enter and closes with Esc', async () => {
    const store = createUiStore({ initial: { language: 'en', view: 'alerts' } });
    const api = alertsApi({ getAlert: ({ id }) => Promise.resolve(makeDetail({ id, name: 'HighLatency' })) });
    renderWithCockpit(<AlertsView />, { api, store });
    const listbox = await within(list()).findByRole('listbox');
    fireEvent.keyDown(listbox, { key: 'ArrowDown' });
    fireEvent.keyDown(listbox, { key: 'Enter' });
    const detail = await screen.findByRole('complementary', { name: 'Alert detail' });
    expect(await within(detail).findByRole('heading', { name: 'HighLatency' })).toBeInTheDocument();
    expect(api.getAlert).toHaveBeenCalledWith({ id: 'am-prod:2' });
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('complementary', { name: 'Alert detail' })).not.toBeInTheDocument();
    expect(store.getState().selectedAlertId).toBeUndefined();
  });

  it('says when the alert is gone from the cache', async () => {
    const store = createUiStore({ initial: { language: 'en', selectedAlertId: 'gone' } });
    renderWithCockpit(<AlertsView />, {
      api: alertsApi({
        getAlert: () => Promise.reject(new ApiCallError('not-found', 'alert am-prod:9 is not in the cache')),
      }),
      store,
    });
    expect(await screen.findByText(/no longer in the cache/)).toBeInTheDocument();
  });

  it('renders hostile annotations as literal text and creates no script or img', async () => {
    const script = '<script>window.__pwned=1</script>';
    const image = '<img src=x onerror="window.__pwned=1">';
    const detail = makeDetail({
      id: 'am-prod:1',
      summary: image,
      description: script,
      labels: { team: script },
      annotations: { description: script, summary: image, dashboard: 'https://grafana.example/d/1' },
      runbookUrl: 'javascript:window.__pwned=1',
      generatorUrl: 'https://prometheus.example/graph?g0.expr=up',
    });
    const store = createUiStore({ initial: { language: 'en', selectedAlertId: 'am-prod:1' } });
    const { container } = renderWithCockpit(<AlertsView />, {
      api: alertsApi({ getAlert: () => Promise.resolve(detail) }),
      store,
    });
    const panel = await screen.findByRole('complementary', { name: 'Alert detail' });
    await within(panel).findByRole('heading', { name: 'HighErrorRate' });

    expect(within(panel).getAllByText(script).length).toBeGreaterThanOrEqual(3);
    expect(within(panel).getAllByText(image).length).toBeGreaterThanOrEqual(2);
    expect(container.querySelector('script, img, iframe, object, embed')).toBeNull();
    expect((window as { __pwned?: unknown }).__pwned).toBeUndefined();

    // Only http(s) becomes a link, and it opens outside the app without an opener.
    expect(within(panel).getByText('javascript:window.__pwned=1').tagName).toBe('SPAN');
    const links = within(panel).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://prometheus.example/graph?g0.expr=up',
      'https://grafana.example/d/1',
    ]);
    for (const link of links) {
      expect(link).toHaveAttribute('target', '_blank');
      expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    }
  });

  it('never links a URL with credentials and shows no bidi control from alert text (issue 15)', async () => {
    const detail = makeDetail({
      id: 'am-prod:1',
      name: 'Disk\u202Egnp.exe',
      summary: 'Invoice \u202Etxt.exe\u2066 ready',
      labels: { file: 'report\u202Efdp.exe' },
      annotations: { dashboard: 'https://admin:hunter2@grafana.example/d/1' },
      runbookUrl: 'https://wiki.example@evil.example/runbook',
      generatorUrl: 'https://prometheus.example/graph',
    });
    const store = createUiStore({ initial: { language: 'en', selectedAlertId: 'am-prod:1' } });
    renderWithCockpit(<AlertsView />, {
      api: alertsApi({ getAlert: () => Promise.resolve(detail) }),
      store,
    });
    const panel = await screen.findByRole('complementary', { name: 'Alert detail' });
    await within(panel).findByRole('heading', { name: 'Diskgnp.exe' });
    expect(within(panel).getAllByText('Invoice txt.exe ready').length).toBeGreaterThanOrEqual(1);
    expect(within(panel).getByText('reportfdp.exe')).toBeInTheDocument();
    expect(panel.textContent).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
    const hrefs = within(panel)
      .getAllByRole('link')
      .map((link) => link.getAttribute('href'));
    expect(hrefs).toEqual(['https://prometheus.example/graph']);
    for (const text of [
      'https://wiki.example@evil.example/runbook',
      'https://admin:hunter2@grafana.example/d/1',
    ]) {
      expect(within(panel).getByText(text).closest('a')).toBeNull();
    }
  });

  it('shows the history, newest first', async () => {
    const detail = makeDetail({
      id: 'am-prod:1',
      history: [
        {
          alertId: 'am-prod:1',
          sourceId: 'am-prod',
          at: '2026-03-10T14:00:00Z',
          kind: 'appeared',
          severity: 'warning',
          state: 'firing',
          name: 'X',
        },
        {
          alertId: 'am-prod:1',
          sourceId: 'am-prod',
          at: '2026-03-10T14:10:00Z',
          kind: 'severity-changed',
          severity: 'critical',
          state: 'firing',
          name: 'X',
          detail: 'warning → critical',
        },
      ],
    });
    const store = createUiStore({ initial: { language: 'en', selectedAlertId: 'am-prod:1' } });
    renderWithCockpit(<AlertsView />, { api: alertsApi({ getAlert: () => Promise.resolve(detail) }), store });
    expect(await screen.findByText('warning → critical')).toBeInTheDocument();
    const kinds = Array.from(
      document.querySelectorAll('.history-event .history-kind'),
      (node) => node.textContent,
    );
    expect(kinds).toEqual(['Severity changed', 'Appeared']);
  });
});

describe('alerts view: service display names', () => {
  const titled = [
    makeAlert({
      id: 'am-prod:1',
      name: 'PaymentsDown',
      severity: 'critical',
      service: 'payment-core',
      serviceTitle: { 'zh-CN': '支付核心' },
    }),
    makeAlert({ id: 'am-prod:2', name: 'HighLatency', severity: 'high', service: 'login' }),
  ];

  it('shows the configured title in the reader’s language with the id as its tooltip, the id elsewhere', async () => {
    const api = alertsApi({ listAlerts: () => Promise.resolve(page(titled)) });
    const store = createUiStore({ initial: { language: 'zh-CN', view: 'alerts' } });
    renderWithCockpit(<AlertsView />, { api, store });
    const rows = await within(screen.getByRole('region', { name: '告警' })).findAllByRole('option');
    const cell = (row: HTMLElement) => row.querySelector('.cell-service');
    expect(cell(rows[0]!)).toHaveTextContent('支付核心');
    expect(cell(rows[0]!)).toHaveAttribute('title', 'payment-core');
    expect(cell(rows[1]!)).toHaveTextContent('login');
    expect(cell(rows[1]!)).not.toHaveAttribute('title');
  });

  it('keeps the id on an English screen when only a Chinese title is configured', async () => {
    const api = alertsApi({ listAlerts: () => Promise.resolve(page(titled)) });
    const store = createUiStore({ initial: { language: 'en', view: 'alerts' } });
    renderWithCockpit(<AlertsView />, { api, store });
    const rows = await within(list()).findAllByRole('option');
    expect(rows[0]!.querySelector('.cell-service')).toHaveTextContent('payment-core');
  });
});

describe('alerts view: the escalation ladder', () => {
  it('names who is called now on an escalated alert, and says only "Escalated" without a ladder', async () => {
    const alerts = [
      makeAlert({
        id: 'am-prod:1',
        name: 'PaymentsDown',
        severity: 'critical',
        escalated: true,
        escalation: { level: 2, steps: 2, to: 'ops lead' },
      }),
      makeAlert({ id: 'am-prod:2', name: 'LoginDown', severity: 'critical', escalated: true }),
    ];
    renderWithCockpit(<AlertsView />, {
      api: alertsApi({ listAlerts: () => Promise.resolve(page(alerts)) }),
    });
    const rows = await within(list()).findAllByRole('option');
    const tags = rows.map((row) => row.querySelector('.escalated-tag')?.textContent);
    expect(tags).toEqual(['Escalated → ops lead', 'Escalated']);
  });
});
