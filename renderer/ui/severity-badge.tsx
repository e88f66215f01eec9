import type { Severity } from '../../src/domain/index.js';
import { useT } from '../i18n/use-translate';

/** Colour plus the translated word: colour alone fails colour-blind readers and grey wall panels. */
export function SeverityBadge(props: Readonly<{ severity: Severity }>) {
  const t = useT();
  return (
    <span className={`severity-badge severity-${props.severity}`}>{t(`severity.${props.severity}`)}</span>
  );
}
