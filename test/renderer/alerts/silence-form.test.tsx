import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AlertDetail, ICockpitApi } from '../../../src/api/contract.js';
import { AlertDetailPanel } from '../../../renderer/alerts/alert-detail';
import { createUiStore, STORAGE_KEYS } from '../../../renderer/app/ui-store';
import { createFakeApi } from '../support/fake-api';
import { makeDetail, makeSilence, makeSource, NO_CHANGES } from '../support/fixtures';
import { renderWithCockpit } from '../support/render';

const ALERT_ID = 'am-prod:abc';

function renderPanel(overrides: Partial<ICockpitApi>, detail: AlertDetail = makeDetail({ id: ALERT_ID })) {
  const api = createFakeApi({
    ...NO_CHANGES,
    listSources: () => Promise.resolve({ sources: [makeSource()] }),
    getAlert: () => Promise.resolve(detail),
    ...overrides,
  });
  const store = createUiStore({ storage: window.localStorage, initial: { language: 'en' } });
  const rendered = renderWithCockpit(<AlertDetailPanel alertId={ALERT_ID} onClose={() => undefined} />, {
    api,
    store,
  });
  return { ...rendered, api };
}

async function form(): Promise<HTMLElement> {
  return screen.findByRole('region', { name: 'Silence' });
}

describe('silence form', () => {
  it('requires a comment and sends nothing without one', async () => {
    // silenceAlert is not expected: the fake api fails the test if the form calls it.
    renderPanel({});
    const silence = await form();
    fireEvent.change(within(silence).getByLabelText('Comment (required)'), { target: { value: '   ' } });
    fireEvent.click(within(silence).getByRole('button', { name: 'Silence' }));
    expect(within(silence).getByRole('alert')).toHaveTextContent('Say why you are silencing this alert.');
    expect(within(silence).getByLabelText('Comment (required)')).toHaveAttribute('aria-invalid', 'true');
  });

  it('sends duration, comment and author, closes, and says until when, by whom, why and on what', async () => {
    const { api } = renderPanel({
      silenceAlert: () => Promise.resolve({ ok: true, value: makeSilence({ id: 's-42' }) }),
    });
    const silence = await form();
    fireEvent.click(within(silence).getByLabelText('4 h'));
    fireEvent.change(within(silence).getByLabelText('Comment (required)'), {
      target: { value: ' DB failover drill ' },
    });
    fireEvent.change(within(silence).getByLabelText('Your name'), { target: { value: 'Li Wei' } });
    fireEvent.click(within(silence).getByRole('button', { name: 'Silence' }));

    expect(
      await within(silence).findByText('Silenced until 2026-03-10 18:30:00 UTC by Li Wei.'),
    ).toBeInTheDocument();
    expect(
      within(silence).getByText('Silence requested — waiting for the next poll to confirm.'),
    ).toBeInTheDocument();
    expect(within(silence).getByText('DB failover drill')).toBeInTheDocument();
    expect(within(silence).getByText('alertname="HighErrorRate", instance="pay-1:9100"')).toBeInTheDocument();
    expect(within(silence).getByRole('link', { name: 'Open in Alertmanager' })).toHaveAttribute(
      'href',
      'http://am.example:9093/#/silences/s-42',
    );
    // The form has closed: its fields are gone, a button opens it again.
    expect(within(silence).queryByLabelText('Comment (required)')).not.toBeInTheDocument();
    expect(within(silence).getByRole('button', { name: 'Add a silence…' })).toBeInTheDocument();
    expect(api.silenceAlert).toHaveBeenCalledWith({
      id: ALERT_ID,
      durationMinutes: 240,
      comment: 'DB failover drill',
      createdBy: 'Li Wei',
    });
    expect(window.localStorage.getItem(STORAGE_KEYS.silenceAuthor)).toBe('Li Wei');
  });

  it('lists the active silences of a silenced alert with their end, author and comment', async () => {
    renderPanel(
      {
        getAlertSilences: () => Promise.resolve([makeSilence({ id: 's-42' })]),
      },
      makeDetail({ id: ALERT_ID, state: 'silenced', silencedBy: ['s-42'] }),
    );
    const silence = await form();
    const item = await within(silence).findByRole('listitem', {
      name: 'Silenced until 2026-03-10 18:30:00 UTC by Li Wei.',
    });
    expect(within(item).getByText('DB failover drill')).toBeInTheDocument();
    expect(within(item).getByRole('button', { name: 'Unsilence' })).toBeInTheDocument();
    expect(within(item).getByRole('button', { name: 'Extend 1 h' })).toBeInTheDocument();
    // Silenced already: the form for another silence waits behind a button.
    expect(within(silence).queryByLabelText('Comment (required)')).not.toBeInTheDocument();
    fireEvent.click(within(silence).getByRole('button', { name: 'Add a silence…' }));
    expect(within(silence).getByLabelText('Comment (required)')).toBeInTheDocument();
  });

  it('unsilences one silence and keeps saying so once the alert fires again', async () => {
    let unsilenced = false;
    const { api } = renderPanel({
      getAlert: () =>
        Promise.resolve(
          unsilenced
            ? makeDetail({ id: ALERT_ID })
            : makeDetail({ id: ALERT_ID, state: 'silenced', silencedBy: ['s-42'] }),
        ),
      getAlertSilences: () => Promise.resolve([makeSilence({ id: 's-42' })]),
      unsilenceAlert: () => {
        unsilenced = true;
        return Promise.resolve({ ok: true, value: { expired: ['s-42'] } });
      },
    });
    const silence = await form();
    fireEvent.click(await within(silence).findByRole('button', { name: 'Unsilence' }));
    expect(await within(silence).findByText(/Unsilenced — the alert fires again/)).toBeInTheDocument();
    expect(api.unsilenceAlert).toHaveBeenCalledWith({ id: ALERT_ID, silenceId: 's-42' });
    // The refetched alert is firing: the silence's item is gone, the sentence stays.
    await waitFor(() => expect(within(silence).queryByRole('listitem')).not.toBeInTheDocument());
    expect(within(silence).getByText(/Unsilenced — the alert fires again/)).toBeInTheDocument();
  });

  it('extends a silence by an hour and shows its new end', async () => {
    const { api } = renderPanel(
      {
        getAlertSilences: () => Promise.resolve([makeSilence({ id: 's-42' })]),
        extendSilence: () =>
          Promise.resolve({ ok: true, value: makeSilence({ id: 's-42', endsAt: '2026-03-10T19:30:00Z' }) }),
      },
      makeDetail({ id: ALERT_ID, state: 'silenced', silencedBy: ['s-42'] }),
    );
    const silence = await form();
    fireEvent.click(await within(silence).findByRole('button', { name: 'Extend 1 h' }));
    expect(await within(silence).findByText('Extended until 2026-03-10 19:30:00 UTC.')).toBeInTheDocument();
    expect(api.extendSilence).toHaveBeenCalledWith({ id: ALERT_ID, silenceId: 's-42', durationMinutes: 60 });
  });

  it('shows the sentence when unsilencing fails', async () => {
    renderPanel(
      {
        getAlertSilences: () => Promise.resolve([makeSilence({ id: 's-42' })]),
        unsilenceAlert: () =>
          Promise.resolve({
            ok: false,
            error: { code: 'source-error', message: 'source "am-prod": DELETE … timed out after 10s' },
          }),
      },
      makeDetail({ id: ALERT_ID, state: 'silenced', silencedBy: ['s-42'] }),
    );
    const silence = await form();
    fireEvent.click(await within(silence).findByRole('button', { name: 'Unsilence' }));
    expect(await within(silence).findByRole('alert')).toHaveTextContent(
      'Unsilence failed: source "am-prod": DELETE … timed out after 10s',
    );
  });

  it('accepts a custom duration in minutes and refuses an impossible one', async () => {
    const { api } = renderPanel({
      silenceAlert: () => Promise.resolve({ ok: true, value: makeSilence({ id: 's-1' }) }),
    });
    const silence = await form();
    fireEvent.click(within(silence).getByLabelText('Custom'));
    fireEvent.change(within(silence).getByLabelText('Comment (required)'), {
      target: { value: 'maintenance' },
    });
    fireEvent.change(within(silence).getByLabelText('Minutes'), { target: { value: '0' } });
    fireEvent.click(within(silence).getByRole('button', { name: 'Silence' }));
    expect(within(silence).getByRole('alert')).toHaveTextContent('from 1 to 43200');
    expect(api.silenceAlert).not.toHaveBeenCalled();

    fireEvent.change(within(silence).getByLabelText('Minutes'), { target: { value: '90' } });
    fireEvent.click(within(silence).getByRole('button', { name: 'Silence' }));
    await within(silence).findByText(/Silence requested/);
    expect(api.silenceAlert).toHaveBeenCalledWith({
      id: ALERT_ID,
      durationMinutes: 90,
      comment: 'maintenance',
    });
  });

  it('shows the sentence from an error envelope', async () => {
    renderPanel({
      silenceAlert: () =>
        Promise.resolve({
          ok: false,
          error: {
            code: 'unsupported',
            message: 'source "prom-dc1" is Prometheus, which cannot create silences',
          },
        }),
    });
    const silence = await form();
    fireEvent.change(within(silence).getByLabelText('Comment (required)'), { target: { value: 'noise' } });
    fireEvent.click(within(silence).getByRole('button', { name: 'Silence' }));
    expect(await within(silence).findByRole('alert')).toHaveTextContent(
      'Silence failed: source "prom-dc1" is Prometheus, which cannot create silences',
    );
    expect(within(silence).queryByText(/Silence requested/)).not.toBeInTheDocument();
  });

  it('tells a wall display with a viewer token that silencing needs an operator token', async () => {
    renderPanel({
      silenceAlert: () =>
        Promise.resolve({
          ok: false,
          error: {
            code: 'forbidden',
            message: "silenceAlert needs an operator token; this one is a viewer's",
          },
        }),
    });
    const silence = await form();
    fireEvent.change(within(silence).getByLabelText('Comment (required)'), { target: { value: 'noise' } });
    fireEvent.click(within(silence).getByRole('button', { name: 'Silence' }));
    expect(await within(silence).findByRole('alert')).toHaveTextContent(
      'Silence failed: This screen’s access token can only read: silencing needs an operator token.',
    );
  });

  it('remembers who is silencing', async () => {
    window.localStorage.setItem(STORAGE_KEYS.silenceAuthor, 'Zhang San');
    renderPanel({});
    const silence = await form();
    expect(within(silence).getByLabelText('Your name')).toHaveValue('Zhang San');
  });

  it('offers no silence for a resolved alert', async () => {
    renderPanel({}, makeDetail({ id: ALERT_ID, state: 'resolved' }));
    const silence = await form();
    expect(
      within(silence).getByText('This alert is resolved; there is nothing to silence.'),
    ).toBeInTheDocument();
    expect(within(silence).queryByRole('button')).not.toBeInTheDocument();
  });
});
