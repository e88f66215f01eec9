import { useT } from '../i18n/use-translate';
import { ageMs, formatDuration } from '../ui/format';
import { useNow } from '../ui/use-now';

/** "for 12m", ticking off the shared one-second clock; only this text re-renders each second. */
export function Since(props: Readonly<{ iso: string }>) {
  const t = useT();
  const now = useNow();
  return (
    <span className="since">
      {t('duration.for', { duration: formatDuration(ageMs(props.iso, now) ?? 0, t) })}
    </span>
  );
}
