import { useCallback, useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { AlertSort } from '../../src/api/contract.js';
import { ALERT_SORTS, ALERT_SOURCE_KINDS, ALERT_STATES, SEVERITIES } from '../../src/domain/values.js';
import { useUi, useUiStoreApi } from '../app/cockpit-context';
import { useSources } from '../app/queries';
import type { AlertListFilter } from '../app/ui-store';
import { useT } from '../i18n/use-translate';
import { DebouncedInput } from '../ui/debounced-input';

const LABEL_FILTER = /^[^=]+=.*$/;

function toggle<T>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((item) => item !== value) : [...values, value];
}

function ToggleGroup<T extends string>(
  props: Readonly<{
    legend: string;
    options: readonly T[];
    selected: readonly T[];
    labelOf: (value: T) => string;
    onToggle: (value: T) => void;
    className?: (value: T) => string;
    children?: ReactNode;
  }>,
) {
  return (
    <fieldset className="toggle-group">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <button
          key={option}
          type="button"
          className={`toggle ${props.className?.(option) ?? ''}`}
          aria-pressed={props.selected.includes(option)}
          onClick={() => props.onToggle(option)}
        >
          {props.labelOf(option)}
        </button>
      ))}
      {props.children}
    </fieldset>
  );
}

function LabelFilter(props: Readonly<{ labels: readonly string[]; onChange: (labels: string[]) => void }>) {
  const t = useT();
  const inputId = useId();
  const errorId = useId();
  const [draft, setDraft] = useState('');
  const [invalid, setInvalid] = useState(false);
  const add = () => {
    const value = draft.trim();
    if (value === '') return;
    if (!LABEL_FILTER.test(value)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setDraft('');
    if (!props.labels.includes(value)) props.onChange([...props.labels, value]);
  };
  return (
    <div className="filter-field label-filter">
      <label htmlFor={inputId}>{t('alerts.label')}</label>
      <input
        id={inputId}
        value={draft}
        placeholder={t('alerts.labelPlaceholder')}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          // The sentence is about what was entered: it goes with the text (checked again on Enter).
          setInvalid(false);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            add();
          }
        }}
      />
      {invalid && (
        <span id={errorId} className="field-error" role="alert">
          {t('alerts.labelInvalid')}
        </span>
      )}
      <ul className="chips">
        {props.labels.map((label) => (
          <li key={label} className="chip">
            <span>{label}</span>
            <button
              type="button"
              aria-label={t('alerts.removeLabel', { label })}
              onClick={() => props.onChange(props.labels.filter((item) => item !== label))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Severity, state, source, service, free text, labels and sort for the alert list. */
export function AlertFilters() {
  const t = useT();
  const store = useUiStoreApi();
  const filter = useUi((state) => state.filter);
  const allSources = useSources();
  // Only sources that bring alerts: a calendar, a catalog or the runbook vault is no alert filter.
  const alertSources = allSources.data?.filter((source) => ALERT_SOURCE_KINDS.includes(source.kind)) ?? [];
  const serviceId = useId();
  const searchId = useId();
  const sortId = useId();
  const setFilter = useCallback(
    (patch: Partial<AlertListFilter>) => store.getState().setFilter(patch),
    [store],
  );
  const commitService = useCallback((service: string) => setFilter({ service }), [setFilter]);
  const commitSearch = useCallback((q: string) => setFilter({ q }), [setFilter]);

  return (
    <section className="alert-filters" aria-label={t('alerts.filters')}>
      <ToggleGroup
        legend={t('alerts.severity')}
        options={SEVERITIES}
        selected={filter.severity}
        labelOf={(severity) => t(`severity.${severity}`)}
        className={(severity) => `severity-${severity}`}
        onToggle={(severity) => setFilter({ severity: toggle(filter.severity, severity) })}
      />
      <ToggleGroup
        legend={t('alerts.state')}
        options={ALERT_STATES}
        selected={filter.state}
        labelOf={(state) => t(`state.${state}`)}
        onToggle={(state) => setFilter({ state: toggle(filter.state, state) })}
      >
        <button
          type="button"
          className="toggle toggle-unclaimed"
          aria-pressed={filter.unclaimed}
          onClick={() => setFilter({ unclaimed: !filter.unclaimed })}
        >
          {t('claim.unclaimedOnly')}
        </button>
      </ToggleGroup>
      {alertSources.length > 0 && (
        <ToggleGroup
          legend={t('alerts.source')}
          options={alertSources.map((source) => source.id)}
          selected={filter.source}
          labelOf={(id) => alertSources.find((source) => source.id === id)?.name ?? id}
          onToggle={(id) => setFilter({ source: toggle(filter.source, id) })}
        />
      )}
      <div className="filter-field">
        <label htmlFor={serviceId}>{t('alerts.service')}</label>
        <DebouncedInput id={serviceId} value={filter.service} onCommit={commitService} />
      </div>
      <div className="filter-field">
        <label htmlFor={searchId}>{t('alerts.search')}</label>
        <DebouncedInput
          id={searchId}
          type="search"
          value={filter.q}
          placeholder={t('alerts.searchPlaceholder')}
          onCommit={commitSearch}
        />
      </div>
      <LabelFilter labels={filter.label} onChange={(label) => setFilter({ label })} />
      <div className="filter-field">
        <label htmlFor={sortId}>{t('alerts.sortBy')}</label>
        <select
          id={sortId}
          value={filter.sort}
          onChange={(event) => {
            const sort = ALERT_SORTS.find((value) => value === event.target.value);
            if (sort) setFilter({ sort: sort satisfies AlertSort });
          }}
        >
          {ALERT_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`sort.${sort}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="clear-filters" onClick={() => store.getState().resetFilter()}>
        {t('alerts.clearFilters')}
      </button>
    </section>
  );
}
