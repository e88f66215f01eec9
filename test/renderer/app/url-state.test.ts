import { describe, expect, it } from 'vitest';
import { createUiStore } from '../../../renderer/app/ui-store';
import {
  parseUrlState,
  searchWithUrlState,
  syncUrlWithStore,
  takeTokenFromUrl,
} from '../../../renderer/app/url-state';

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

  it('never writes the access token back when it rewrites view and alert', () => {
    const search = searchWithUrlState('?token=s3cret&alert=old&lang=x', { view: 'war-room' });
    const params = new URLSearchParams(search);
    expect(params.has('token')).toBe(false);
    expect(params.get('lang')).toBe('x');
    expect(params.get('view')).toBe('war-room');
    expect(params.has('alert')).toBe(false);
  });

  it('takes the token out of the address bar and hands it over once (issue 15)', () => {
    const replaced: string[] = [];
    const page = {
      location: { pathname: '/', search: '?view=war-room&token=s3cret', hash: '#main' } as Location,
      history: {
        state: null,
        replaceState: (_state: unknown, _title: string, url: string) => replaced.push(url),
      } as unknown as History,
    };
    expect(takeTokenFromUrl(page)).toBe('s3cret');
    expect(replaced).toEqual(['/?view=war-room#main']);
    const plain = { ...page, location: { pathname: '/', search: '?view=alerts', hash: '' } as Location };
    expect(takeTokenFromUrl(plain)).toBeUndefined();
    expect(replaced).toHaveLength(1);
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
    expect(replaced).toEqual(['?view=alerts&alert=am-prod%3A1']);
  });
});
