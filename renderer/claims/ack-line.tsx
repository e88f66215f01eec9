import type { AlertAck } from '../../src/domain/index.js';
import { useT } from '../i18n/use-translate';
import { ageMs, formatDuration } from '../ui/format';
import { plainText } from '../ui/untrusted-text';
import { useNow } from '../ui/use-now';

/** "claimed by <name> 6 min ago": wherever an alert shows, who owns it. */
export function AckLine(props: Readonly<{ ack: AlertAck }>) {
  const t = useT();
  const now = useNow();
  const age = formatDuration(ageMs(props.ack.at, now) ?? 0, t);
  return (
    <span className="ack-line" data-claimed-by={props.ack.by}>
      {t('claim.line', { name: plainText(props.ack.by) ?? '', age })}
    </span>
  );
}
