import type { Change, ChangeReason } from '../../src/domain/index.js';
import type { Translate } from '../i18n/messages';
import { formatDuration } from '../ui/format';

/** "Inside freeze Spring Festival", "Exempt from … (…)", or nothing. */
export function freezeText(change: Change, t: Translate): string | undefined {
  if (!change.freeze) return undefined;
  if (change.freeze.exemptBy)
    return t('changes.exempt', { name: change.freeze.name, reason: change.freeze.exemptBy });
  return t('changes.insideFreeze', { name: change.freeze.name });
}

/** "same service, 12m before" in the UI's language, from the reason's parts. */
export function reasonText(reason: ChangeReason, t: Translate): string {
  const where =
    reason.hops === 0 ? t('whatChanged.sameService') : t('whatChanged.hops', { hops: reason.hops });
  const duration = formatDuration(reason.minutesBefore * 60_000, t);
  const when = reason.inProgress
    ? t('whatChanged.inProgress', { duration })
    : t('whatChanged.before', { duration });
  return `${where}, ${when}`;
}

/**
 * One change's badges: its kind, its status and its freeze mark. `compact` (the war-room strip, under
 * the freeze band that already names the freeze) says only "Inside freeze" / "Exempt", the rest in
 * the tooltip, so the change's own title keeps the room.
 */
export function ChangeBadges(props: Readonly<{ change: Change; t: Translate; compact?: boolean }>) {
  const { change, t, compact = false } = props;
  const full = freezeText(change, t);
  const freeze =
    full && compact ? t(change.freeze?.exemptBy ? 'changes.exemptShort' : 'changes.insideFreezeShort') : full;
  return (
    <>
      <span className={`change-kind change-kind-${change.kind}`}>{t(`changeKind.${change.kind}`)}</span>
      <span className={`change-status change-status-${change.status}`}>
        {t(`changeStatus.${change.status}`)}
      </span>
      {freeze && (
        <span
          className={`change-freeze ${change.insideFreeze ? 'is-inside' : 'is-exempt'}`}
          data-inside-freeze={change.insideFreeze}
          {...(compact && full ? { title: full } : {})}
        >
          {freeze}
        </span>
      )}
    </>
  );
}
