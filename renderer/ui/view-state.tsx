import type { ReactNode } from 'react';
import type { SourceInfo } from '../../src/domain/index.js';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatAsOf } from './format';
import { useNow } from './use-now';

/*
 * The explicit states every view renders. Each has a data-state attribute so tests and the
 * e2e suite can tell "loading" from "empty" without reading translated text.
 */

export function LoadingState() {
  const t = useT();
  return (
    <div className="view-state" data-state="loading" role="status" aria-live="polite">
      {t('view.loading')}
    </div>
  );
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function ErrorState(props: Readonly<{ error: unknown; onRetry?: () => void }>) {
  const t = useT();
  return (
    <div className="view-state view-state-error" data-state="error" role="alert">
      <p className="view-state-title">{t('view.error')}</p>
      <p className="view-state-detail">{errorMessage(props.error)}</p>
      {props.onRetry && (
        <button type="button" onClick={props.onRetry}>
          {t('view.retry')}
        </button>
      )}
    </div>
  );
}

export function EmptyState(props: Readonly<{ children: ReactNode; tone?: 'good' | 'neutral' }>) {
  return (
    <div className={`view-state view-state-empty tone-${props.tone ?? 'neutral'}`} data-state="empty">
      {props.children}
    </div>
  );
}

export function NoSourcesState() {
  const t = useT();
  return (
    <div className="view-state" data-state="no-sources">
      <p className="view-state-title">{t('view.noSources')}</p>
      <p className="view-state-detail">{t('view.noSourcesHint')}</p>
    </div>
  );
}

/** Sources whose last poll failed: their data is old but still shown (never silently cleared). */
export function failingSources(sources: readonly SourceInfo[] | undefined): readonly SourceInfo[] {
  return (sources ?? []).filter((source) => source.state === 'stale' || source.state === 'error');
}

export function StaleNotice(props: Readonly<{ sources: readonly SourceInfo[] }>) {
  const t = useT();
  const language = useLanguage();
  const now = useNow();
  if (props.sources.length === 0) return null;
  return (
    <div className="notice notice-stale" data-state="stale" role="status">
      <span>{t('view.staleSources', { count: props.sources.length })}</span>
      <ul className="notice-list">
        {props.sources.map((source) => (
          <li key={source.id}>
            {source.name}
            {source.lastSuccessAt && (
              <> · {t('view.asOf', { time: formatAsOf(source.lastSuccessAt, language, now) })}</>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A refetch failed but earlier data exists: keep showing it and say so. */
export function RefreshFailedNotice(props: Readonly<{ error: unknown }>) {
  const t = useT();
  if (props.error === null || props.error === undefined) return null;
  return (
    <div className="notice notice-error" role="status">
      {t('view.refreshFailed', { message: errorMessage(props.error) })}
    </div>
  );
}
