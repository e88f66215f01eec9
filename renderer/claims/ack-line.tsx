import type { AlertAck } from '../../src/domain/index.js';
import { useT } from '../i18n/use-translate';
import { ageMs, formatDuration } from '../ui/format';
import { plainText } from '../ui/untrusted-text';
import { useNow } from '../ui/use-now';

/**
 * "claimed by <name> 6 min ago": wherever an alert shows, who owns it. `compact` (a list cell) shows
 * the name first, with the whole line as its title.
 */
export function AckLine(props: Readonly<{ ack: AlertAck; compact?: boolean }>) {
  const t = useT();
  const now = useNow();
  const age = formatDuration(ageMs(props.ack.at, now) ?? 0, t);
  const name = plainText(props.ack.by) ?? '';
  const line = t('claim.line', { name, age });
  return (
    <span className="ack-line" data-claimed-by={props.ack.by} title={props.compact ? line : undefined}>
      {props.compact ? t('claim.short', { name, age }) : line}
    </span>
  );
}
