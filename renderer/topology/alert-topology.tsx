import type { AlertTopology } from '../../src/api/contract.js';
import { useT } from '../i18n/use-translate';
import { plainText } from '../ui/untrusted-text';
import './topology.css';

/** The alert detail's topology: the item it maps to, the owner to call, impact up, suspects down. */
export function AlertTopologyPanel(props: Readonly<{ topology: AlertTopology | undefined }>) {
  const t = useT();
  const place = props.topology;
  if (place === undefined) return null;
  return (
    <section className="alert-topology" aria-label={t('alertTopology.title')}>
      <h3>{t('alertTopology.title')}</h3>
      <p>{t('alertTopology.item', { name: plainText(place.itemName) ?? place.itemId })}</p>
      {place.owner && (
        <p className="topology-owner">
          <strong>
            {t('alertTopology.owner', { name: plainText(place.owner.title ?? place.owner.name) ?? '' })}
          </strong>
        </p>
      )}
      {place.foldedUnder && (
        <p className="notice topology-folded-under" role="status">
          {t('alertTopology.foldedUnder', { name: plainText(place.foldedUnder.name) ?? '' })}
        </p>
      )}
      <h4>{t('alertTopology.suspects')}</h4>
      {place.suspects.length === 0 ? (
        <p>{t('alertTopology.noSuspects')}</p>
      ) : (
        <ol className="topology-neighbours">
          {place.suspects.map((one) => (
            <li key={one.id} className={`health-${one.health}`} data-suspect={one.id}>
              <span className="health-dot" aria-hidden="true" />
              {plainText(one.title ?? one.name)}
              <span className="topology-hops">{t('topology.hops', { hops: one.hops })}</span>
              {one.root && <strong className="topology-root">{t('topology.root')}</strong>}
            </li>
          ))}
        </ol>
      )}
      <h4>{t('alertTopology.impact', { count: place.impactCount })}</h4>
      {place.impact.length > 0 && (
        <ul className="topology-impact">
          {place.impact.map((one) => (
            <li key={one.id} className={`health-${one.health}`} data-impact={one.id}>
              {plainText(one.title ?? one.name)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
