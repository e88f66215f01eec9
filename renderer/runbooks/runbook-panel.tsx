import { useState } from 'react';
import type { Alert, RunbookReason } from '../../src/domain/index.js';
import type { Translate } from '../i18n/messages';
import { useT } from '../i18n/use-translate';
import { ErrorState, LoadingState } from '../ui/view-state';
import { useAlertRunbooks } from './queries';
import { RunbookReader } from './runbook-reader';
import { RunbookRow } from './runbook-row';
import './runbooks.css';

function reasonText(reason: RunbookReason, t: Translate): string {
  if (reason === 'runbook_url') return t('runbooks.reason.url');
  if (reason === 'front-matter') return t('runbooks.reason.frontMatter');
  return t('runbooks.reason.fullText');
}

/** The alert detail's runbooks: the one its runbook_url links, opened inside the cockpit, then suggestions. */
export function RunbookPanel(props: Readonly<{ alert: Alert }>) {
  const t = useT();
  const found = useAlertRunbooks(props.alert.id);
  const [openId, setOpenId] = useState<string | undefined>(undefined);
  let body;
  if (found.data) {
    const first = found.data.items[0];
    const open = openId ?? (first?.reason === 'runbook_url' ? first.runbook.id : undefined);
    body =
      found.data.items.length === 0 ? (
        <p className="runbook-panel-empty">
          {found.data.runbookUrl ? t('runbooks.notYetCached') : t('runbooks.noneForAlert')}
        </p>
      ) : (
        <>
          <ol className="runbook-list">
            {found.data.items.map(({ runbook, reason }) => (
              <RunbookRow
                key={runbook.id}
                runbook={runbook}
                reason={reasonText(reason, t)}
                selected={runbook.id === open}
                onOpen={(id) => setOpenId(id === open ? '' : id)}
                t={t}
              />
            ))}
          </ol>
          {open && <RunbookReader key={open} id={open} compact />}
        </>
      );
  } else if (found.data === null) {
    body = null;
  } else if (found.isError) {
    body = <ErrorState error={found.error} onRetry={() => void found.refetch()} />;
  } else {
    body = <LoadingState />;
  }
  return (
    <section className="runbook-panel" aria-label={t('runbooks.panel')}>
      <h3>{t('runbooks.panel')}</h3>
      {body}
    </section>
  );
}
