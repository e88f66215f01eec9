import { act, fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/app/app';
import { createUiStore, STORAGE_KEYS } from '../../../renderer/app/ui-store';
import { parseUrlState } from '../../../renderer/app/url-state';
import { createConnectionState } from '../../../renderer/bridge/connection-state';
import { createChangeChannel, createFakeApi } from '../support/fake-api';
import {
  makeAlert,
  makeDetail,
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

function appApi() {
  const channel = createChangeChannel();
  const api = createFakeApi({
    ...QUIET_SHELL,
    ...NO_CHANGES,
    onDidChange: channel.onDidChange,
    getOverview: () => Promise.resolve(makeOverview()),
    listSources: () => Promise.resolve({ sources: [makeSource()] }),
    listAlerts: () => Promise.resolve(page([makeAlert({ id: 'am-prod:1', name: 'PaymentsDown' })])),
    getBoard: () => Promise.resolve(boardOf([makeAlert({ id: 'am-prod:1', name: 'PaymentsDown' })])),
    listSlos: () => Promise.resolve({ items: [], problems: [] }),
    getTimeline: () => Promise.resolve(makeTimeline()),
    getAlert: ({ id }) => Promise.resolve(makeDetail({ id, name: 'PaymentsDown' })),
  });
  return { api, channel };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});

describe('app shell', () => {
  it('starts on the war room and switches views from the nav', async () => {
    const { api } = appApi();
    renderWithCockpit(<App />, { api });
    const nav = screen.getByRole('navigation', { name: 'Views' });
    expect(within(nav).getByRole('button', { name: 'War room' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('region', { name: 'Alert board' })).toBeInTheDocument();
    fireEvent.click(within(nav).getByRole('button', { name: 'Alerts' }));
    expect(within(nav).getByRole('button', { name: 'Alerts' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('region', { name: 'Filters' })).toBeInTheDocument();
  });

  it('switches language everywhere and remembers the choice', async () => {
    const { api } = appApi();
    const store = createUiStore({ storage: window.localStorage, navigatorLanguage: 'en-US' });
    renderWithCockpit(<App />, { api, store });
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'zh-CN' } });
    expect(screen.getByRole('button', { name: '作战室' })).toBeInTheDocument();
    expect(await screen.findByText('致命', { selector: '.severity-count-name' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(window.localStorage.getItem(STORAGE_KEYS.language)).toBe('zh-CN');
    // A fresh start on the same machine reads the stored choice over navigator.language.
    expect(
      createUiStore({ storage: window.localStorage, navigatorLanguage: 'en-US' }).getState().language,
    ).toBe('zh-CN');
  });

  it('follows navigator.language when nothing is stored', () => {
    expect(
      createUiStore({ storage: window.localStorage, navigatorLanguage: 'zh-CN' }).getState().language,
    ).toBe('zh-CN');
    expect(
      createUiStore({ storage: window.localStorage, navigatorLanguage: 'fr-FR' }).getState().language,
    ).toBe('en');
  });

  it('defaults to the dark theme and switches to light', () => {
    const { api } = appApi();
    const store = createUiStore({ storage: window.localStorage, initial: { language: 'en' } });
    renderWithCockpit(<App />, { api, store });
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'light' } });
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(window.localStorage.getItem(STORAGE_KEYS.theme)).toBe('light');
  });

  it('opens a deep-linked alert', async () => {
    const { api } = appApi();
    const url = parseUrlState('?view=alerts&alert=am-prod%3A1');
    const store = createUiStore({
      initial: { language: 'en', view: url.view, selectedAlertId: url.alertId },
    });
    renderWithCockpit(<App />, { api, store });
    const detail = await screen.findByRole('complementary', { name: 'Alert detail' });
    expect(await within(detail).findByRole('heading', { name: 'PaymentsDown' })).toBeInTheDocument();
    expect(api.getAlert).toHaveBeenCalledWith({ id: 'am-prod:1' });
  });

  it('selectAlert(id) from outside React opens the alert', async () => {
    const { api } = appApi();
    const { store } = renderWithCockpit(<App />, { api });
    act(() => store.getState().selectAlert('am-prod:1'));
    expect(await screen.findByRole('complementary', { name: 'Alert detail' })).toBeInTheDocument();
  });

  it('says loudly when the connection is lost and greys out the old data', async () => {
    const { api } = appApi();
    const connection = createConnectionState('online');
    renderWithCockpit(<App />, { api, connection });
    await screen.findByRole('region', { name: 'Alert board' });
    expect(screen.queryByText(/Connection to the cockpit host lost/)).not.toBeInTheDocument();
    act(() => connection.set('lost'));
    // The siren banner (an unclaimed critical) is an alert too: pick the connection's.
    expect(
      screen.getByText(/Connection to the cockpit host lost/).closest('[role="alert"]'),
    ).toHaveTextContent(
      'Connection to the cockpit host lost — retrying. What you see is from 14:30:00 and may be out of date.',
    );
    expect(screen.getByRole('main')).toHaveClass('is-disconnected');
    act(() => connection.set('online'));
    expect(screen.queryByText(/Connection to the cockpit host lost/)).not.toBeInTheDocument();
  });

  it('refetches a view when its topic changes', async () => {
    const { api, channel } = appApi();
    renderWithCockpit(<App />, { api });
    await screen.findAllByRole('option');
    const overviewCalls = api.getOverview.mock.calls.length;
    const sourceCalls = api.listSources.mock.calls.length;
    act(() => channel.emit({ topics: ['overview'], version: 2 }));
    await vi.waitFor(() => expect(api.getOverview).toHaveBeenCalledTimes(overviewCalls + 1));
    expect(api.listSources).toHaveBeenCalledTimes(sourceCalls);
  });
});
