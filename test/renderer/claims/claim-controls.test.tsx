import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AckRecord, Alert } from '../../../src/domain/index.js';
import { ClaimControls } from '../../../renderer/claims/claim-controls';
import { createUiStore, STORAGE_KEYS } from '../../../renderer/app/ui-store';
import { createFakeApi } from '../support/fake-api';
import { makeAlert, NOW } from '../support/fixtures';
import { renderWithCockpit } from '../support/render';

const record = (overrides: Partial<AckRecord> = {}): AckRecord => ({
  id: 1,
  alertId: 'am-prod:1',
  sourceId: 'am-prod',
  by: 'alice',
  at: new Date(NOW - 6 * 60_000).toISOString(),
  ...overrides,
});

function renderControls(alert: Alert, api: ReturnType<typeof createFakeApi>) {
  const store = createUiStore({ storage: window.localStorage, initial: { language: 'en' } });
  return { ...renderWithCockpit(<ClaimControls alert={alert} />, { api, store }), store };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});

describe('claim controls', () => {
  it('asks the operator name once, remembers it, and claims under it', async () => {
    window.localStorage.clear();
    const api = createFakeApi({
      ackAlert: (input) => Promise.resolve({ ok: true, value: record({ by: input.by }) }),
      listAlerts: () => Promise.resolve({ items: [], total: 0 }),
    });
    const { store } = renderControls(makeAlert({ id: 'am-prod:1' }), api);
    fireEvent.click(screen.getByRole('button', { name: 'Claim' }));
    expect(api.ackAlert).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Your name (asked once on this screen)'), {
      target: { value: ' 王伟 ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(api.ackAlert).toHaveBeenCalledWith({ id: 'am-prod:1', by: '王伟' }));
    expect(store.getState().silenceAuthor).toBe('王伟');
    expect(window.localStorage.getItem(STORAGE_KEYS.silenceAuthor)).toBe('王伟');
  });

  it('shows who claimed it and how long ago, and releases or hands over as the operator', async () => {
    window.localStorage.setItem(STORAGE_KEYS.silenceAuthor, 'bob');
    const api = createFakeApi({
      unackAlert: () => Promise.resolve({ ok: true, value: record({ endReason: 'released' }) }),
      handoverAlert: (input) => Promise.resolve({ ok: true, value: record({ by: input.to }) }),
      listAlerts: () => Promise.resolve({ items: [], total: 0 }),
    });
    const claimed = makeAlert({
      id: 'am-prod:1',
      state: 'acknowledged',
      ack: { by: 'alice', at: record().at },
    });
    renderControls(claimed, api);
    expect(screen.getByText(/claimed by alice 6m ago/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Hand over' }));
    fireEvent.change(screen.getByLabelText('Hand over to'), { target: { value: 'carol' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Hand over' }).at(-1)!);
    await waitFor(() =>
      expect(api.handoverAlert).toHaveBeenCalledWith({ id: 'am-prod:1', to: 'carol', by: 'bob' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Release' }));
    await waitFor(() => expect(api.unackAlert).toHaveBeenCalledWith({ id: 'am-prod:1', by: 'bob' }));
  });

  it('says in a sentence why a claim failed (someone else holds it)', async () => {
    window.localStorage.setItem(STORAGE_KEYS.silenceAuthor, 'bob');
    const api = createFakeApi({
      ackAlert: () =>
        Promise.resolve({
          ok: false,
          error: { code: 'unsupported', message: 'alert am-prod:1 is already claimed by alice' },
        }),
      listAlerts: () => Promise.resolve({ items: [], total: 0 }),
    });
    renderControls(makeAlert({ id: 'am-prod:1' }), api);
    fireEvent.click(screen.getByRole('button', { name: 'Claim' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Claim action failed: alert am-prod:1 is already claimed by alice',
    );
  });
});
