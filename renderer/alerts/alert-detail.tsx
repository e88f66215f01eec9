import { useMemo } from 'react';
import type { AlertDetail } from '../../src/api/contract.js';
import type { SourceInfo } from '../../src/domain/index.js';
import { useAlertDetail, useSources } from '../app/queries';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatAsOf, formatDateTime } from '../ui/format';
import { SeverityBadge } from '../ui/severity-badge';
import { Since } from '../ui/since';
import { useNow } from '../ui/use-now';
import { EmptyState, ErrorState, LoadingState, RefreshFailedNotice } from '../ui/view-state';
import { WhatChanged } from '../changes/what-changed';
import { AlertTopologyPanel } from '../topology/alert-topology';
import { RunbookPanel } from '../runbooks/runbook-panel';
import '../changes/changes.css';
import { AlertLinks, KeyValueList } from './alert-fields';
import { AlertHistory } from './alert-history';
import { localizedText, serviceName } from './localized-text';
import { SilencePanel } from './silence-form';
import { ClaimControls } from '../claims/claim-controls';
import { EscalatedTag } from '../claims/escalated-tag';
import { plainText } from '../ui/untrusted-text';

function StaleBanner(props: Readonly<{ source: SourceInfo | undefined }>) {
  const t = useT();
  const language = useLanguage();
  const now = useNow();
  const lastSuccessAt = props.source?.lastSuccessAt;
  return (
    <p className="notice notice-stale" data-state="stale" role="status">
      {t('detail.staleAsOf', {
        time: lastSuccessAt ? formatAsOf(lastSuccessAt, language, now) : t('sourceState.stale'),
      })}
    </p>
  );
}

function DetailBody(props: Readonly<{ alert: AlertDetail; source: SourceInfo | undefined }>) {
  const t = useT();
  const language = useLanguage();
  const { alert, source } = props;
  const service = serviceName(alert, language);
  const stale = alert.stale === true || source?.state === 'stale' || source?.state === 'error';
  return (
    <div className={`alert-detail-body ${stale ? 'is-stale' : ''}`} data-state={stale ? 'stale' : 'data'}>
      {stale && <StaleBanner source={source} />}
      <header className="alert-detail-header">
        <h2 className="alert-detail-name">{plainText(alert.name)}</h2>
        <SeverityBadge severity={alert.severity} />
        <span className={`state-badge state-${alert.state}`}>{t(`state.${alert.state}`)}</span>
        <EscalatedTag alert={alert} />
        <Since iso={alert.startsAt} />
      </header>
      <SilencePanel key={alert.id} alert={alert} />
      <ClaimControls key={`claim-${alert.id}`} alert={alert} />
      <dl className="key-values alert-facts">
        <div className="key-value">
          <dt>{t('detail.service')}</dt>
          <dd>
            {service.name ?? t('detail.none')}
            {service.id && <span className="service-id"> ({service.id})</span>}
          </dd>
        </div>
        <div className="key-value">
          <dt>{t('detail.source')}</dt>
          <dd>{source?.name ?? alert.sourceId}</dd>
        </div>
        <div className="key-value">
          <dt>{t('detail.startedAt')}</dt>
          <dd>{formatDateTime(alert.startsAt, language)}</dd>
        </div>
        <div className="key-value">
          <dt>{t('detail.updatedAt')}</dt>
          <dd>{formatDateTime(alert.updatedAt, language)}</dd>
        </div>
        {alert.silencedBy.length > 0 && (
          <div className="key-value">
            <dt>{t('detail.silencedBy')}</dt>
            <dd>{alert.silencedBy.join(', ')}</dd>
          </div>
        )}
        {alert.ackedBy && (
          <div className="key-value">
            <dt>{t('detail.ackedBy')}</dt>
            <dd>{plainText(alert.ackedBy)}</dd>
          </div>
        )}
      </dl>
      <h3>{t('detail.summary')}</h3>
      <p className="untrusted-text">{localizedText(alert, 'summary', language) || t('detail.none')}</p>
      <h3>{t('detail.description')}</h3>
      <p className="untrusted-text">{localizedText(alert, 'description', language) || t('detail.none')}</p>
      {(alert.runbookUrl ?? alert.generatorUrl) && <h3>{t('detail.links')}</h3>}
      <AlertLinks runbookUrl={alert.runbookUrl} generatorUrl={alert.generatorUrl} />
      <AlertTopologyPanel topology={alert.topology} />
      <RunbookPanel alert={alert} />
      <WhatChanged alert={alert} />
      <h3>{t('detail.labels')}</h3>
      <KeyValueList values={alert.labels} className="labels" />
      <h3>{t('detail.annotations')}</h3>
      <KeyValueList values={alert.annotations} className="annotations" />
      <h3>{t('detail.history')}</h3>
      <AlertHistory events={alert.history} />
    </div>
  );
}

/** The selected alert in full, with its history and the silence action. */
export function AlertDetailPanel(props: Readonly<{ alertId: string; onClose: () => void }>) {
  const t = useT();
  const detail = useAlertDetail(props.alertId);
  const sources = useSources();
  const source = useMemo(
    () => (detail.data ? sources.data?.find((item) => item.id === detail.data?.sourceId) : undefined),
    [detail.data, sources.data],
  );
  let body;
  if (detail.data) body = <DetailBody alert={detail.data} source={source} />;
  else if (detail.data === null) body = <EmptyState>{t('detail.notFound')}</EmptyState>;
  else if (detail.isError) body = <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  else body = <LoadingState />;
  return (
    <aside className="alert-detail" aria-label={t('detail.title')}>
      {/* Its own row: notices below it are never hidden under the button. */}
      <div className="alert-detail-bar">
        <button type="button" className="alert-detail-close" onClick={props.onClose}>
          {t('detail.close')}
        </button>
      </div>
      {detail.data !== undefined && detail.isError && <RefreshFailedNotice error={detail.error} />}
      {body}
    </aside>
  );
}
