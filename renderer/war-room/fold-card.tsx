import { memo } from 'react';
import type { BoardFold, ServiceGroup } from '../../src/api/contract.js';
import { useT } from '../i18n/use-translate';
import { SeverityBadge } from '../ui/severity-badge';
import { Since } from '../ui/since';
import { plainText } from '../ui/untrusted-text';
import type { CardForm } from './board-layout';

type FoldCardProps = Readonly<{
  fold: BoardFold;
  root?: ServiceGroup;
  folded: readonly ServiceGroup[];
  form: CardForm;
  /** Full cards: how many folded services to list. */
  rules: number;
}>;

/**
 * A storm folded under its lowest failing dependency: "payments-db — critical — 37 alerts on 9
 * services folded under it", then the folded services, room permitting. Same sizes as a service card.
 */
export const FoldCard = memo(function FoldCard(props: FoldCardProps) {
  const t = useT();
  const { fold, form } = props;
  const name = plainText(fold.rootName) ?? fold.rootId;
  const className = `service-card fold-card form-${form} severity-${fold.severity}`;
  const summary = t('warRoom.foldSummary', { alerts: fold.alertCount, services: fold.services.length });
  if (form === 'dense') {
    return (
      <article
        className={className}
        data-fold-root={fold.rootId}
        data-severity={fold.severity}
        title={`${name} · ${summary}`}
      >
        <h3 className="service-name">⤓ {name}</h3>
        <span className="service-count">
          {t('warRoom.foldDense', { alerts: fold.alertCount, services: fold.services.length })}
        </span>
        <span className={`severity-tag severity-${fold.severity}`}>
          {t(`severityShort.${fold.severity}`)}
        </span>
      </article>
    );
  }
  const shown = form === 'full' ? props.folded.slice(0, props.rules) : [];
  const hidden = form === 'full' ? fold.services.length - shown.length : 0;
  return (
    <article
      className={className}
      data-fold-root={fold.rootId}
      data-severity={fold.severity}
      aria-label={t('warRoom.foldTitle', { name })}
    >
      <header className="service-card-header">
        <h3 className="service-name">
          <span className="fold-mark" aria-hidden="true">
            ⤓
          </span>{' '}
          {name}
        </h3>
        <SeverityBadge severity={fold.severity} />
      </header>
      <div className="service-card-stats">
        <span className="service-count fold-summary">{summary}</span>
        {props.root && <Since iso={props.root.oldestStartsAt} />}
      </div>
      {shown.length > 0 && (
        <ul className="rule-rows">
          {shown.map((group) => (
            <li
              key={group.key}
              className={`rule-row severity-${group.severity}`}
              data-folded-service={group.service ?? ''}
            >
              <span className="severity-dot" aria-hidden="true" />
              <span className="rule-name">{plainText(group.service) ?? t('warRoom.noService')}</span>
              <span className="rule-count">×{group.count}</span>
              <Since iso={group.oldestStartsAt} />
            </li>
          ))}
        </ul>
      )}
      {hidden > 0 && (
        <footer className="service-card-footer">
          <span>{t('warRoom.moreFolded', { count: hidden })}</span>
        </footer>
      )}
    </article>
  );
});
