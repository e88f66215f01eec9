import type { Alert } from '../../src/domain/index.js';
import { useT } from '../i18n/use-translate';
import { plainText } from '../ui/untrusted-text';

/** "Escalated", or "Escalated → B角 Li Lei" when the ladder names who is called now. */
export function EscalatedTag(props: Readonly<{ alert: Pick<Alert, 'escalated' | 'escalation'> }>) {
  const t = useT();
  if (!props.alert.escalated) return null;
  const to = plainText(props.alert.escalation?.to);
  return (
    <span className="escalated-tag" data-level={props.alert.escalation?.level}>
      {to ? t('claim.escalatedTo', { to }) : t('claim.escalated')}
    </span>
  );
}
