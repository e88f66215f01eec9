import type { RunbookSummary } from '../../src/domain/index.js';
import type { Translate } from '../i18n/messages';
import { ShelfLifeBadge, shortRevision, whereFrom } from './runbook-reader';

/** One runbook on the shelf or in an alert's panel: title, snippet with the search hits marked, facts. */
export function RunbookRow(
  props: Readonly<{
    runbook: RunbookSummary;
    selected: boolean;
    onOpen: (id: string) => void;
    t: Translate;
    reason?: string;
  }>,
) {
  const { runbook, t } = props;
  return (
    <li className={props.selected ? 'runbook-row selected' : 'runbook-row'} data-runbook-id={runbook.id}>
      <button
        type="button"
        className="runbook-row-open"
        onClick={() => props.onOpen(runbook.id)}
        aria-pressed={props.selected}
      >
        <span className="runbook-row-title untrusted-text">{runbook.title}</span>
        {props.reason && <span className="runbook-badge">{props.reason}</span>}
        <ShelfLifeBadge stale={runbook.stale} daysSinceDrill={runbook.daysSinceDrill} t={t} />
        {runbook.contentStatus !== 'fresh' && (
          <span className={`runbook-status runbook-status-${runbook.contentStatus}`}>
            {t(`runbooks.status.${runbook.contentStatus}`)}
          </span>
        )}
      </button>
      {runbook.snippet.length > 0 && (
        <p className="runbook-snippet">
          {runbook.snippet.map((part, index) =>
            part.hit ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
          )}
        </p>
      )}
      <div className="runbook-row-facts">
        {whereFrom(runbook.location, runbook.source)}
        {runbook.revision && <> · {t('runbooks.rev', { rev: shortRevision(runbook.revision) })}</>}
        {runbook.owner && <> · {runbook.owner}</>}
        {runbook.services.length > 0 && <> · {runbook.services.slice(0, 4).join(', ')}</>}
      </div>
    </li>
  );
}
