import { memo } from 'react';
import type { BoardFold, ServiceGroup } from '../../src/api/contract.js';
import type { Language } from '../i18n/messages';
import { textIn } from '../../src/domain/values.js';
import { useLanguage, useT } from '../i18n/use-translate';
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

/** A service's configured title in this language, else its id (the id is then a tooltip). */
function serviceName(group: ServiceGroup | undefined, language: Language) {
  const id = plainText(group?.service);
  const title = plainText(textIn(group?.title, language));
  return { title, id, tip: title !== undefined && id !== undefined && title !== id ? id : undefined };
}

/**
 * A storm folded under its lowest failing dependency: "payments-db — critical — 37 alerts on 9
 * services folded under it", then the folded services, room permitting. The summary wraps to two
 * lines (BOARD_EM.foldStats) and carries its full text as a tooltip, so a narrow card never hides it.
 */
export const FoldCard = memo(function FoldCard(props: FoldCardProps) {
  const t = useT();
  const language = useLanguage();
  const { fold, form } = props;
  // The dependency's service title when the board knows it (the demo's 配置中心 on a zh-CN wall).
  const root = serviceName(props.root, language);
  const itemName = plainText(fold.rootName) ?? fold.rootId;
  const name = root.title ?? itemName;
  const nameTip = name !== itemName ? itemName : undefined;
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
        <h3 className="service-name" {...(nameTip ? { title: nameTip, 'data-service-id': nameTip } : {})}>
          <span className="fold-mark" aria-hidden="true">
            ⤓
          </span>{' '}
          {name}
        </h3>
        <SeverityBadge severity={fold.severity} />
      </header>
      <p className="fold-stats" title={summary}>
        <span className="fold-summary">{summary}</span>
        {props.root && (
          <>
            {' '}
            <Since iso={props.root.oldestStartsAt} />
          </>
        )}
      </p>
      {shown.length > 0 && (
        <ul className="rule-rows">
          {shown.map((group) => {
            const folded = serviceName(group, language);
            return (
              <li
                key={group.key}
                className={`rule-row severity-${group.severity}`}
                data-folded-service={group.service ?? ''}
              >
                <span className="severity-dot" aria-hidden="true" />
                <span className="rule-name" {...(folded.tip ? { title: folded.tip } : {})}>
                  {folded.title ?? folded.id ?? t('warRoom.noService')}
                </span>
                <span className="rule-count">×{group.count}</span>
                <Since iso={group.oldestStartsAt} />
              </li>
            );
          })}
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
