import type { Labels } from '../../src/domain/index.js';
import { useT } from '../i18n/use-translate';
import { SafeLink, hostOf, shortUrl, toSafeHref } from '../ui/safe-link';
import { plainText } from '../ui/untrusted-text';

/**
 * Labels and annotations come from whoever writes alert rules or controls a monitored host: they
 * are rendered as React text (escaped), and only a value that is entirely an http(s) URL links.
 */
export function KeyValueList(props: Readonly<{ values: Labels; className: string }>) {
  const t = useT();
  const entries = Object.entries(props.values).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="muted">{t('detail.none')}</p>;
  return (
    <dl className={`key-values ${props.className}`}>
      {entries.map(([key, value]) => (
        <div key={key} className="key-value">
          <dt>{plainText(key)}</dt>
          <dd>
            {toSafeHref(value) === undefined ? (
              plainText(value)
            ) : (
              <SafeLink url={value}>{plainText(shortUrl(value))}</SafeLink>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Runbook and "open in source" links; a non-http(s) URL is shown as text, never as a link. */
export function AlertLinks(props: Readonly<{ runbookUrl?: string; generatorUrl?: string }>) {
  const t = useT();
  if (!props.runbookUrl && !props.generatorUrl) return null;
  return (
    <dl className="key-values alert-links">
      {props.runbookUrl && (
        <div className="key-value">
          <dt>{t('detail.runbook')}</dt>
          <dd>
            <SafeLink url={props.runbookUrl}>{shortUrl(props.runbookUrl)}</SafeLink>
          </dd>
        </div>
      )}
      {props.generatorUrl && (
        <div className="key-value">
          <dt>{t('detail.generator')}</dt>
          <dd>
            <SafeLink url={props.generatorUrl}>
              {t('detail.openGenerator', { host: hostOf(props.generatorUrl) })}
            </SafeLink>
          </dd>
        </div>
      )}
    </dl>
  );
}
