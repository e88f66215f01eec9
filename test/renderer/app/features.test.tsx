import { act, screen, within } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/app/app';
import { FEATURES } from '../../../renderer/app/features';
import type { Feature, View } from '../../../renderer/app/features';
import { createUiStore } from '../../../renderer/app/ui-store';
import { parseUrlState, searchWithUrlState } from '../../../renderer/app/url-state';
import { createChangeChannel, createFakeApi } from '../support/fake-api';
import { QUIET_SHELL } from '../support/fixtures';
import { renderWithCockpit } from '../support/render';

/** A test-only feature: its screen shows how often it fetched its one query. */
function labFeature(fetchLab: () => Promise<number>): Feature {
  function LabView() {
    const lab = useQuery({ queryKey: ['lab', 'counter'], queryFn: fetchLab });
    return (
      <section aria-label="Lab">
        <p>lab fetched {lab.data ?? 0}</p>
      </section>
    );
  }
  return {
    // An id outside the real table, which is all View admits.
    id: 'lab' as View,
    route: 'lab',
    label: 'detail.labels',
    view: LabView,
    invalidates: { sources: [['lab']] },
  };
}

function counter() {
  let calls = 0;
  return vi.fn(() => Promise.resolve(++calls));
}

function navButtons(): string[] {
  const nav = screen.getByRole('navigation', { name: 'Views' });
  return within(nav)
    .getAllByRole('button')
    .map((button) => button.textContent ?? '');
}

describe('feature table', () => {
  it('the real table is the war room, the alerts, the SLOs, the change calendar, the topology, then the runbooks', () => {
    expect(FEATURES.map((feature) => feature.id)).toEqual([
      'war-room',
      'alerts',
      'slos',
      'changes',
      'topology',
      'runbooks',
    ]);
  });

  it('the shell shows one nav button and one screen per feature of the table it is given', async () => {
    const channel = createChangeChannel();
    const api = createFakeApi({ ...QUIET_SHELL, onDidChange: channel.onDidChange });
    const fetchLab = counter();
    // A table without the real features: nothing asks the api for the board or the alerts.
    renderWithCockpit(<App features={[labFeature(fetchLab)]} />, { api });
    expect(navButtons()).toEqual(['Labels']);
    // The store still says war-room, which this table lacks: its first feature is shown instead.
    const lab = await screen.findByRole('region', { name: 'Lab' });
    expect(await within(lab).findByText('lab fetched 1')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Alert board' })).not.toBeInTheDocument();
  });

  it('an extra feature gets its nav button after the real ones and opens its screen', async () => {
    const channel = createChangeChannel();
    const api = createFakeApi({ ...QUIET_SHELL, onDidChange: channel.onDidChange });
    const store = createUiStore({ initial: { language: 'en', view: 'lab' as View } });
    renderWithCockpit(<App features={[...FEATURES, labFeature(counter())]} />, { api, store });
    expect(navButtons()).toEqual(['War room', 'Alerts', 'SLOs', 'Changes', 'Topology', 'Runbooks', 'Labels']);
    const nav = screen.getByRole('navigation', { name: 'Views' });
    expect(within(nav).getByRole('button', { name: 'Labels' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('region', { name: 'Lab' })).toBeInTheDocument();
  });

  it("a change event with a feature's topic refetches that feature's queries, other topics do not", async () => {
    const channel = createChangeChannel();
    const api = createFakeApi({ ...QUIET_SHELL, onDidChange: channel.onDidChange });
    const fetchLab = counter();
    renderWithCockpit(<App features={[labFeature(fetchLab)]} />, { api });
    await screen.findByText('lab fetched 1');
    act(() => channel.emit({ topics: ['alerts', 'overview'], version: 2 }));
    act(() => channel.emit({ topics: ['sources'], version: 3 }));
    expect(await screen.findByText('lab fetched 2')).toBeInTheDocument();
    // Only the `sources` event reached the lab's query.
    expect(fetchLab).toHaveBeenCalledTimes(2);
  });

  it("the address bar holds each feature's route", () => {
    const features = [...FEATURES, labFeature(counter())];
    for (const feature of features) {
      const search = searchWithUrlState('?token=t', { view: feature.id }, features);
      expect(new URLSearchParams(search).get('view')).toBe(feature.route);
      expect(parseUrlState(search, features).view).toBe(feature.id);
    }
    expect(parseUrlState('?view=lab').view).toBeUndefined();
  });
});
