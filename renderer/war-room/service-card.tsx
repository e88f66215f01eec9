import { memo } from 'react';
import type { GroupSummary, ServiceGroup } from '../../src/api/contract.js';
import type { SourceInfo } from '../../src/domain/index.js';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatAsOf } from '../ui/format';
import { SeverityBadge } from '../ui/severity-badge';
import { useNow } from '../ui/use-now';
import { Since } from '../ui/since';
import { plainText } from '../ui/untrusted-text';

/** Cards have a fixed height (the board is virtualized), so each shows its worst few rules. */
export const RULES_PER_CARD = 4;

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
  // Dim only what is entirely old; a mixed group stays bright and carries an "as of" mark.
  return group.staleCount > 0 && group.staleCount === group.count ? 'is-stale' : '';
}

/** One service on the board: its worst severity, size, age, and its worst rules. */
export const ServiceCard = memo(function ServiceCard(
  props: Readonly<{ group: ServiceGroup; sourcesById: ReadonlyMap<string, SourceInfo> }>,
) {
  const t = useT();
  const { group } = props;
  const hiddenRules = group.rules.length - RULES_PER_CARD;
  // A card that is entirely old says "as of" once, in its header; rows repeat it only when mixed.
  const rowsNeedAsOf = group.staleCount > 0 && group.staleCount < group.count;
  const handled = group.acknowledged + group.silenced;
  return (
    <article
      className={`service-card severity-${group.severity} ${group.firing === 0 ? 'is-handled' : ''} ${stalenessClass(group)}`}
      data-service={group.service ?? ''}
      data-severity={group.severity}
    >
      <header className="service-card-header">
        <h3 className="service-name">{plainText(group.service) ?? t('warRoom.noService')}</h3>
        <SeverityBadge severity={group.severity} />
      </header>
      <div className="service-card-stats">
        <span className="service-count">{t('warRoom.alertCount', { count: group.count })}</span>
        <Since iso={group.oldestStartsAt} />
        <AsOf group={group} sourcesById={props.sourcesById} />
      </div>
      <ul className="rule-rows">
        {group.rules.slice(0, RULES_PER_CARD).map((rule) => (
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
      <footer className="service-card-footer">
        {handled > 0 && (
          <span>{t('warRoom.handled', { acknowledged: group.acknowledged, silenced: group.silenced })}</span>
        )}
        {hiddenRules > 0 && <span>{t('warRoom.moreRules', { count: hiddenRules })}</span>}
      </footer>
    </article>
  );
});
