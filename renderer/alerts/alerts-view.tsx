import { useCallback, useEffect } from 'react';
import { useUi, useUiStoreApi } from '../app/cockpit-context';
import { AlertDetailPanel } from './alert-detail';
import { AlertFilters } from './alert-filters';
import { AlertList } from './alert-list';
import './alerts.css';

/** Filterable list, full width; an opened alert takes the right side; Esc closes the detail. */
export function AlertsView() {
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
        {/* Until an alert is opened the list has the whole width: its columns need it more than a hint. */}
        {selectedAlertId && <AlertDetailPanel alertId={selectedAlertId} onClose={close} />}
      </div>
    </div>
  );
}
