import { describe, expect, it } from 'vitest';
import { createUiStore } from '../../../renderer/app/ui-store';
import { parseUrlState, searchWithUrlState, syncUrlWithStore } from '../../../renderer/app/url-state';

describe('url state', () => {
  it('reads a deep link to one alert', () => {
    expect(parseUrlState('?view=alerts&alert=am-prod%3Aabc')).toEqual({
      view: 'alerts',
      alertId: 'am-prod:abc',
    });
    expect(parseUrlState('?view=nonsense')).toEqual({ view: undefined, alertId: undefined });
  });

  it('opens the alerts view when only an alert is given', () => {
    const store = createUiStore({ initial: { selectedAlertId: parseUrlState('?alert=x').alertId } });
    expect(store.getState()).toMatchObject({ view: 'alerts', selectedAlertId: 'x' });
  });

  it('keeps the access token when it rewrites view and alert', () => {
    const search = searchWithUrlState('?token=s3cret&alert=old', { view: 'war-room' });
    const params = new URLSearchParams(search);
    expect(params.get('token')).toBe('s3cret');
    expect(params.get('view')).toBe('war-room');
    expect(params.has('alert')).toBe(false);
  });

  it('mirrors selection into the address bar', () => {
    const store = createUiStore();
    const replaced: string[] = [];
    const page = {
      location: { search: '?token=t', hash: '' } as Location,
      history: {
        state: null,
        replaceState: (_state: unknown, _title: string, url: string) => replaced.push(url),
      } as unknown as History,
    };
    const stop = syncUrlWithStore(store, page);
    store.getState().selectAlert('am-prod:1');
    stop();
    expect(replaced).toEqual(['?token=t&view=alerts&alert=am-prod%3A1']);
  });
});
