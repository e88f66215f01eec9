import { memo } from 'react';
import type { GroupSummary, ServiceGroup } from '../../src/api/contract.js';
import type { SourceInfo } from '../../src/domain/index.js';
import { textIn } from '../../src/domain/values.js';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatAsOf } from '../ui/format';
import { SeverityBadge } from '../ui/severity-badge';
import { useNow } from '../ui/use-now';
import { Since } from '../ui/since';
import { plainText } from '../ui/untrusted-text';
import type { CardForm } from './board-layout';
import { CardClaimButton } from '../claims/card-claim-button';

/** The oldest "last good data" among the group's failing sources: what the group is "as of". */
function asOfIso(group: GroupSummary, sourcesById: ReadonlyMap<string, SourceInfo>): string | undefined {
  let oldest: string | undefined;
  for (const sourceId of group.staleSourceIds) {
    const lastSuccessAt = sourcesById.get(sourceId)?.lastSuccessAt;
    if (lastSuccessAt !== undefined && (oldest === undefined || lastSuccessAt < oldest))
      oldest = lastSuccessAt;
  }
  return oldest;
}

function AsOf(props: Readonly<{ group: GroupSummary; sourcesById: ReadonlyMap<string, SourceInfo> }>) {
  const t = useT();
  const language = useLanguage();
  const now = useNow();
  if (props.group.staleCount === 0) return null;
  const iso = asOfIso(props.group, props.sourcesById);
  return (
    <span className="as-of" data-stale="true">
      {iso === undefined ? t('sourceState.stale') : t('view.asOf', { time: formatAsOf(iso, language, now) })}
    </span>
  );
}

function stalenessClass(group: GroupSummary): string {
  // Hatch only what is entirely old (never fade it: a stale critical must stay loud); a mixed group
  // carries an "as of" mark instead.
  return group.staleCount > 0 && group.staleCount === group.count ? 'is-stale' : '';
}

type CardProps = Readonly<{
  group: ServiceGroup;
  sourcesById: ReadonlyMap<string, SourceInfo>;
  /** How much of the card the board has room for (board-layout.ts). */
  form: CardForm;
  /** Full cards: how many rule rows to list. */
  rules: number;
}>;

/** One service on the board: its worst severity, size, age, and (room permitting) its worst rules. */
export const ServiceCard = memo(function ServiceCard(props: CardProps) {
  const t = useT();
  const language = useLanguage();
  const { group, form } = props;
  const className = `service-card form-${form} severity-${group.severity} ${group.firing === 0 ? 'is-handled' : ''} ${stalenessClass(group)}`;
  const service = plainText(group.service);
  // The configured title in this language (the demo's 支付核心 on a zh-CN wall); the id is its tooltip.
  const title = plainText(textIn(group.title, language));
  const name = title ?? service ?? t('warRoom.noService');
  const nameTip = title && service && title !== service ? service : undefined;
  if (form === 'dense') {
    // One line: the name gets the room; the count and a short severity word (never colour alone).
    return (
      <article
        className={className}
        data-service={group.service ?? ''}
        data-severity={group.severity}
        title={`${name}${nameTip ? ` (${nameTip})` : ''} · ${t('warRoom.alertCount', { count: group.count })}`}
      >
        <h3 className="service-name" data-service-id={nameTip}>
          {name}
        </h3>
        <span className="service-count">{t('warRoom.denseCount', { count: group.count })}</span>
        <AsOf group={group} sourcesById={props.sourcesById} />
        <span className={`severity-tag severity-${group.severity}`}>
          {t(`severityShort.${group.severity}`)}
        </span>
      </article>
    );
  }
  const shownRules = form === 'full' ? group.rules.slice(0, props.rules) : [];
  const hiddenRules = form === 'full' ? group.rules.length - shownRules.length : 0;
  // A card that is entirely old says "as of" once, in its header; rows repeat it only when mixed.
  const rowsNeedAsOf = group.staleCount > 0 && group.staleCount < group.count;
  const handled = group.acknowledged + group.silenced;
  return (
    <article className={className} data-service={group.service ?? ''} data-severity={group.severity}>
      <header className="service-card-header">
        <h3 className="service-name" {...(nameTip ? { title: nameTip, 'data-service-id': nameTip } : {})}>
          {name}
        </h3>
        <SeverityBadge severity={group.severity} />
      </header>
      <div className="service-card-stats">
        <span className="service-count">{t('warRoom.alertCount', { count: group.count })}</span>
        <Since iso={group.oldestStartsAt} />
        <AsOf group={group} sourcesById={props.sourcesById} />
        {group.firing > 0 && <CardClaimButton alertId={group.worstAlertId} />}
      </div>
      {shownRules.length > 0 && (
        <ul className="rule-rows">
          {shownRules.map((rule) => (
            <li
              key={rule.key}
              className={`rule-row severity-${rule.severity} ${stalenessClass(rule)}`}
              data-rule={rule.name}
            >
              <span className="severity-dot" aria-hidden="true" />
              <span className="rule-name">{plainText(rule.name)}</span>
              <span className="rule-count">×{rule.count}</span>
              <Since iso={rule.oldestStartsAt} />
              {rowsNeedAsOf && <AsOf group={rule} sourcesById={props.sourcesById} />}
            </li>
          ))}
        </ul>
      )}
      {form === 'full' && (handled > 0 || hiddenRules > 0) && (
        <footer className="service-card-footer">
          {handled > 0 && (
            <span>
              {t('warRoom.handled', { acknowledged: group.acknowledged, silenced: group.silenced })}
            </span>
          )}
          {hiddenRules > 0 && <span>{t('warRoom.moreRules', { count: hiddenRules })}</span>}
        </footer>
      )}
    </article>
  );
});
