import { useState } from 'react';
import type { RunbookDetail } from '../../src/api/contract.js';
import type { RunbookStep } from '../../src/domain/index.js';
import { useLanguage, useT } from '../i18n/use-translate';
import type { Translate } from '../i18n/messages';
import { ageMs, formatDateTime, formatDuration } from '../ui/format';
import { shortUrl } from '../ui/safe-link';
import { useNow } from '../ui/use-now';
import { ErrorState, LoadingState } from '../ui/view-state';
import { useRunbook } from './queries';

/** "rev 4f2a1c": a git commit or content hash cut short, an ETag without its quotes. */
export function shortRevision(revision: string): string {
  const bare = revision
    .replace(/^sha256:/, '')
    .replace(/^W\//, '')
    .replaceAll('"', '');
  return bare.slice(0, 7);
}

/** Where a runbook came from, short enough for one line. */
export function whereFrom(location: string, source: RunbookDetail['source']): string {
  if (source === 'url') return shortUrl(location);
  const parts = location.split(/[\\/]/);
  return parts.slice(-2).join('/');
}

export function ShelfLifeBadge(
  props: Readonly<{ stale: boolean; daysSinceDrill?: number | undefined; t: Translate }>,
) {
  const { t } = props;
  if (!props.stale) return null;
  return (
    <span className="runbook-badge runbook-badge-stale">
      {props.daysSinceDrill === undefined
        ? t('runbooks.neverDrilled')
        : t('runbooks.notDrilledFor', { days: props.daysSinceDrill })}
    </span>
  );
}

const STEPS_KEY = 'cockpit.runbook-steps.';

/** Ticked steps, kept in this screen's storage per runbook revision (a responder's own progress). */
function useTickedSteps(key: string): [ReadonlySet<number>, (index: number) => void] {
  const [ticked, setTicked] = useState<ReadonlySet<number>>(() => {
    try {
      return new Set(JSON.parse(window.localStorage.getItem(STEPS_KEY + key) ?? '[]') as number[]);
    } catch {
      return new Set();
    }
  });
  const toggle = (index: number) => {
    const next = new Set(ticked);
    if (next.has(index)) next.delete(index);
    else next.add(index);
    setTicked(next);
    try {
      window.localStorage.setItem(STEPS_KEY + key, JSON.stringify([...next]));
    } catch {
      // Storage full or blocked: the ticks last for this page only.
    }
  };
  return [ticked, toggle];
}

function Steps(props: Readonly<{ steps: readonly RunbookStep[]; storageKey: string; t: Translate }>) {
  const { t } = props;
  const [ticked, toggle] = useTickedSteps(props.storageKey);
  const total = props.steps.reduce((sum, step) => sum + (step.durationMinutes ?? 0), 0);
  return (
    <section className="runbook-steps" aria-label={t('runbooks.steps')}>
      <h3>
        {t('runbooks.steps')} · {t('runbooks.stepsDone', { done: ticked.size, total: props.steps.length })}
        {total > 0 && <> · {t('runbooks.expected', { minutes: total })}</>}
      </h3>
      <ol>
        {props.steps.map((step, index) => (
          <li key={index} className={ticked.has(index) ? 'runbook-step done' : 'runbook-step'}>
            <label>
              <input type="checkbox" checked={ticked.has(index)} onChange={() => toggle(index)} />
              <span className="untrusted-text">{step.title}</span>
              {step.durationMinutes !== undefined && (
                <span className="runbook-step-duration">
                  {t('runbooks.minutes', { minutes: step.durationMinutes })}
                </span>
              )}
            </label>
            {step.check && (
              <div className="runbook-step-check">
                {t('runbooks.check')}: <span className="untrusted-text">{step.check}</span>
              </div>
            )}
            {step.rollback && (
              <div className="runbook-step-rollback">
                {t('runbooks.rollback')}: <span className="untrusted-text">{step.rollback}</span>
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The runbook as stored: its sanitized html (made safe in the core), table of contents and steps. */
export function RunbookReader(props: Readonly<{ id: string; compact?: boolean }>) {
  const t = useT();
  const language = useLanguage();
  const now = useNow();
  const [revision, setRevision] = useState<string | undefined>(undefined);
  const found = useRunbook(props.id, revision);
  if (found.isError) return <ErrorState error={found.error} onRetry={() => void found.refetch()} />;
  if (!found.data) return <LoadingState />;
  const runbook = found.data;
  const age = formatDuration(ageMs(runbook.fetchedAt, now) ?? 0, t);
  return (
    <article
      className={props.compact ? 'runbook-reader compact' : 'runbook-reader'}
      data-runbook-id={runbook.id}
    >
      <header className="runbook-head">
        <h2 className="untrusted-text">{runbook.title}</h2>
        <div className="runbook-meta">
          <span className={`runbook-status runbook-status-${runbook.contentStatus}`}>
            {t(`runbooks.status.${runbook.contentStatus}`)}
          </span>{' '}
          <span title={`${runbook.location} · ${formatDateTime(runbook.fetchedAt, language)}`}>
            {t('runbooks.cachedFrom', { age, from: whereFrom(runbook.location, runbook.source) })}
          </span>
          {runbook.revision && <> · {t('runbooks.rev', { rev: shortRevision(runbook.revision) })}</>}
          {runbook.owner && (
            <>
              {' '}
              · {t('runbooks.owner')}: <span className="untrusted-text">{runbook.owner}</span>
            </>
          )}
          {runbook.lastDrill && (
            <>
              {' '}
              · {t('runbooks.lastDrill', { date: formatDateTime(runbook.lastDrill, language).slice(0, 10) })}
            </>
          )}{' '}
          <ShelfLifeBadge stale={runbook.stale} daysSinceDrill={runbook.daysSinceDrill} t={t} />
        </div>
        {runbook.problem && <p className="runbook-problem untrusted-text">{runbook.problem}</p>}
        {runbook.revisions.length > 1 && (
          <label className="runbook-revisions">
            {t('runbooks.revisions')}{' '}
            <select
              value={revision ?? runbook.revision}
              onChange={(event) => setRevision(event.target.value)}
            >
              {runbook.revisions.map((one) => (
                <option key={one.revision} value={one.revision}>
                  {shortRevision(one.revision)} · {formatDateTime(one.fetchedAt, language)}
                  {one.current ? ` (${t('runbooks.current')})` : ''}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      <div className="runbook-columns">
        {!props.compact && runbook.toc.length > 1 && (
          <nav className="runbook-toc" aria-label={t('runbooks.toc')}>
            <h3>{t('runbooks.toc')}</h3>
            <ol>
              {runbook.toc.map((heading) => (
                <li key={heading.anchor} className={`toc-level-${heading.level}`}>
                  <a
                    href={`#${heading.anchor}`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(heading.anchor)?.scrollIntoView({ block: 'start' });
                    }}
                  >
                    {heading.text}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
        )}
        <div className="runbook-main">
          {runbook.steps && runbook.steps.length > 0 && (
            <Steps steps={runbook.steps} storageKey={`${runbook.id}@${runbook.revision}`} t={t} />
          )}
          {/* The only raw html the renderer shows: sanitized by an allow-list in the core before it was stored. */}
          <div className="runbook-body" dangerouslySetInnerHTML={{ __html: runbook.html }} />
        </div>
      </div>
    </article>
  );
}
