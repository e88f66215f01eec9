import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AlertDetail, ICockpitApi } from '../../../src/api/contract.js';
import { AlertDetailPanel } from '../../../renderer/alerts/alert-detail';
import { createUiStore, STORAGE_KEYS } from '../../../renderer/app/ui-store';
import { createFakeApi } from '../support/fake-api';
import { makeDetail, makeSource, NO_CHANGES } from '../support/fixtures';
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

  it('sends duration, comment and author, then waits for a poll to confirm', async () => {
    let reads = 0;
    const { api } = renderPanel({
      getAlert: () => {
        reads += 1;
        // The first read after the request still shows the alert firing; the next poll confirms.
        return Promise.resolve(
          reads < 3
            ? makeDetail({ id: ALERT_ID })
            : makeDetail({ id: ALERT_ID, state: 'silenced', silencedBy: ['s-42'] }),
        );
      },
      silenceAlert: () => Promise.resolve({ ok: true, value: { silenceId: 's-42' } }),
    });
    const silence = await form();
    fireEvent.click(within(silence).getByLabelText('4 h'));
    fireEvent.change(within(silence).getByLabelText('Comment (required)'), {
      target: { value: ' DB failover drill ' },
    });
    fireEvent.change(within(silence).getByLabelText('Your name'), { target: { value: 'Li Wei' } });
    fireEvent.click(within(silence).getByRole('button', { name: 'Silence' }));

    expect(
      await within(silence).findByText('Silence requested — waiting for the next poll to confirm.'),
    ).toBeInTheDocument();
    expect(api.silenceAlert).toHaveBeenCalledWith({
      id: ALERT_ID,
      durationMinutes: 240,
      comment: 'DB failover drill',
      createdBy: 'Li Wei',
    });
    expect(window.localStorage.getItem(STORAGE_KEYS.silenceAuthor)).toBe('Li Wei');
  });

  it('shows the confirmation once the alert comes back silenced', async () => {
    let reads = 0;
    renderPanel({
      getAlert: () => {
        reads += 1;
        return Promise.resolve(
          reads === 1
            ? makeDetail({ id: ALERT_ID })
            : makeDetail({ id: ALERT_ID, state: 'silenced', silencedBy: ['s-42'] }),
        );
      },
      silenceAlert: () => Promise.resolve({ ok: true, value: { silenceId: 's-42' } }),
    });
    const silence = await form();
    fireEvent.change(within(silence).getByLabelText('Comment (required)'), {
      target: { value: 'known issue' },
    });
    fireEvent.click(within(silence).getByRole('button', { name: 'Silence' }));
    expect(await screen.findByText('Silenced (s-42).')).toBeInTheDocument();
    expect(screen.queryByText(/waiting for the next poll/)).not.toBeInTheDocument();
  });

  it('accepts a custom duration in minutes and refuses an impossible one', async () => {
    const { api } = renderPanel({
      silenceAlert: () => Promise.resolve({ ok: true, value: { silenceId: 's-1' } }),
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
