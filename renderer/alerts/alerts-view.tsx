import { useCallback, useEffect } from 'react';
import { useUi, useUiStoreApi } from '../app/cockpit-context';
import { useT } from '../i18n/use-translate';
import { AlertDetailPanel } from './alert-detail';
import { AlertFilters } from './alert-filters';
import { AlertList } from './alert-list';
import './alerts.css';

/** Filterable list on the left, the selected alert on the right; Esc closes the detail. */
export function AlertsView() {
  const t = useT();
  const store = useUiStoreApi();
  const selectedAlertId = useUi((state) => state.selectedAlertId);
  const close = useCallback(() => {
    store.getState().selectAlert(undefined);
    // Give the keyboard back to the list the user came from.
    document.querySelector<HTMLElement>('.alert-list [role="listbox"]')?.focus();
  }, [store]);

  useEffect(() => {
    if (selectedAlertId === undefined) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) close();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [selectedAlertId, close]);

  return (
    <div className={`alerts-view ${selectedAlertId ? 'has-detail' : ''}`}>
      <AlertFilters />
      <div className="alerts-split">
        <AlertList />
        {selectedAlertId ? (
          <AlertDetailPanel alertId={selectedAlertId} onClose={close} />
        ) : (
          <p className="alert-detail-placeholder muted">{t('detail.noneSelected')}</p>
        )}
      </div>
    </div>
  );
}
