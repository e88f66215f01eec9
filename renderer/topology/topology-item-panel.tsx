import type { TopologyNeighbour } from '../../src/domain/index.js';
import { useT } from '../i18n/use-translate';
import type { Translate } from '../i18n/messages';
import { SeverityBadge } from '../ui/severity-badge';
import { plainText } from '../ui/untrusted-text';
import { ErrorState, LoadingState } from '../ui/view-state';
import { ownerName } from './build-graph-option';
import { useTopologyItem } from './queries';

function Neighbours(
  props: Readonly<{
    items: readonly (TopologyNeighbour & { root?: boolean })[];
    t: Translate;
    onSelect: (id: string) => void;
  }>,
) {
  return (
    <ul className="topology-neighbours">
      {props.items.map((one) => (
        <li key={one.id} className={`health-${one.health}`} data-id={one.id}>
          <button type="button" className="link-button" onClick={() => props.onSelect(one.id)}>
            <span className="health-dot" aria-hidden="true" />
            {plainText(one.title ?? one.name)}
          </button>
          <span className="topology-hops">{props.t('topology.hops', { hops: one.hops })}</span>
          {one.root && <strong className="topology-root">{props.t('topology.root')}</strong>}
          {one.alertCount > 0 && <span className="topology-count">×{one.alertCount}</span>}
        </li>
      ))}
    </ul>
  );
}

/** The clicked node: owner, alerts, impact up, suspects down, and its relations. */
export function TopologyItemPanel(
  props: Readonly<{
    id: string;
    onSelect: (id: string) => void;
    onZoom: (id: string) => void;
    onClose: () => void;
  }>,
) {
  const t = useT();
  const detail = useTopologyItem(props.id);
  let body;
  if (detail.data) {
    const { item, node, owner, impact, suspects, alerts, fold } = detail.data;
    body = (
      <>
        <header className="topology-item-header">
          <h2 className={`health-${node.health}`}>{plainText(item.title ?? item.name)}</h2>
          <span className="topology-kind">{t(`topology.kind.${item.kind}`)}</span>
          <span className={`topology-health health-${node.health}`}>
            {t(`topology.health.${node.health}`)}
          </span>
        </header>
        <p className="topology-owner">
          {t('topology.owner')}:{' '}
          <strong>{plainText(owner?.title ?? ownerName(item.owner)) ?? t('topology.noOwner')}</strong>
        </p>
        {fold && (
          <p className="notice topology-fold" role="status">
            {t('topology.fold', { alerts: fold.alertCount, services: fold.folded.length })}
          </p>
        )}
        {node.foldedUnder && (
          <p className="notice topology-folded-under">
            <button
              type="button"
              className="link-button"
              onClick={() => props.onSelect(node.foldedUnder ?? '')}
            >
              {t('topology.foldedUnder', { name: node.foldedUnder.replace(/^[^/]+\//, '') })}
            </button>
          </p>
        )}
        <button type="button" onClick={() => props.onZoom(item.id)}>
          {t('topology.zoomIn')}
        </button>
        <h3>{t('topology.alerts', { count: alerts.length })}</h3>
        <ul className="topology-alerts">
          {alerts.slice(0, 20).map((alert) => (
            <li key={alert.id}>
              <SeverityBadge severity={alert.severity} />{' '}
              <span className="untrusted-text">{plainText(alert.name)}</span>
            </li>
          ))}
        </ul>
        <h3>{t('topology.suspects')}</h3>
        {suspects.length === 0 ? (
          <p>{t('topology.noSuspects')}</p>
        ) : (
          <Neighbours items={suspects.slice(0, 30)} t={t} onSelect={props.onSelect} />
        )}
        <h3>{t('topology.impact')}</h3>
        <p>{t('topology.impactCount', { count: impact.length })}</p>
        <Neighbours items={impact.slice(0, 30)} t={t} onSelect={props.onSelect} />
      </>
    );
  } else if (detail.isError) {
    body = <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  } else if (detail.data === null) {
    body = null;
  } else {
    body = <LoadingState />;
  }
  return (
    <aside className="topology-item" aria-label={props.id}>
      <div className="alert-detail-bar">
        <button type="button" onClick={props.onClose}>
          {t('topology.close')}
        </button>
      </div>
      {body}
    </aside>
  );
}
