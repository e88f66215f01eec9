import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertDetail } from '../../src/api/contract.js';
import type { Silence } from '../../src/domain/index.js';
import { formatMatcher } from '../../src/domain/values.js';
import { useApi } from '../app/cockpit-context';
import { queryKeys } from '../app/query-keys';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatDateTime } from '../ui/format';
import { SafeLink } from '../ui/safe-link';
import { errorMessage } from '../ui/view-state';

/** Until when, by whom, why and on what a silence mutes, with a short link to it at its source. */
export function SilenceFacts(props: Readonly<{ silence: Silence }>) {
  const t = useT();
  const language = useLanguage();
  const { silence } = props;
  return (
    <dl className="key-values silence-facts">
      <div className="key-value">
        <dt>{t('silence.until')}</dt>
        <dd>{formatDateTime(silence.endsAt, language)}</dd>
      </div>
      <div className="key-value">
        <dt>{t('silence.by')}</dt>
        <dd>{silence.createdBy}</dd>
      </div>
      <div className="key-value">
        <dt>{t('silence.commentShown')}</dt>
        <dd className="untrusted-text">{silence.comment}</dd>
      </div>
      <div className="key-value">
        <dt>{t('silence.matchers')}</dt>
        <dd className="silence-matchers">{silence.matchers.map(formatMatcher).join(', ')}</dd>
      </div>
      {silence.url && (
        <div className="key-value">
          <dt>{t('detail.links')}</dt>
          <dd>
            <SafeLink url={silence.url}>{t('silence.openInSource')}</SafeLink>
          </dd>
        </div>
      )}
    </dl>
  );
}

/** One active silence with its end, author, comment and the two ways to change it. */
function SilenceItem(props: Readonly<{ alert: AlertDetail; silence: Silence; onUnsilenced: () => void }>) {
  const t = useT();
  const api = useApi();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const { alert, silence } = props;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.alerts() });
  const extend = useMutation({
    mutationFn: () => api.extendSilence({ id: alert.id, silenceId: silence.id, durationMinutes: 60 }),
    onSuccess: refresh,
  });
  const unsilence = useMutation({
    mutationFn: () => api.unsilenceAlert({ id: alert.id, silenceId: silence.id }),
    onSuccess: (result) => {
      // The panel says so: this item goes away once the next poll no longer lists the silence.
      if (result.ok) props.onUnsilenced();
      refresh();
    },
  });
  const busy = extend.isPending || unsilence.isPending;
  const failure = (result: typeof extend.data | typeof unsilence.data, error: unknown) =>
    result?.ok === false ? result.error.message : error ? errorMessage(error) : undefined;
  const extendFailure = failure(extend.data, extend.error);
  const unsilenceFailure = failure(unsilence.data, unsilence.error);
  return (
    <li
      className="silence-item"
      aria-label={t('silence.confirmed', {
        time: formatDateTime(silence.endsAt, language),
        name: silence.createdBy,
      })}
    >
      <div className="silence-actions">
        <button type="button" disabled={busy} onClick={() => unsilence.mutate()}>
          {unsilence.isPending ? t('silence.unsilencing') : t('silence.unsilence')}
        </button>
        <button type="button" disabled={busy} onClick={() => extend.mutate()}>
          {extend.isPending ? t('silence.extending') : t('silence.extend')}
        </button>
      </div>
      {extend.data?.ok === true && (
        <p className="silence-status is-confirmed" role="status">
          {t('silence.extended', { time: formatDateTime(extend.data.value.endsAt, language) })}
        </p>
      )}
      {extendFailure !== undefined && (
        <p className="field-error" role="alert">
          {t('silence.extendFailed', { message: extendFailure })}
        </p>
      )}
      {unsilenceFailure !== undefined && (
        <p className="field-error" role="alert">
          {t('silence.unsilenceFailed', { message: unsilenceFailure })}
        </p>
      )}
      <SilenceFacts silence={extend.data?.ok === true ? extend.data.value : silence} />
    </li>
  );
}

/** The silences muting an alert, read live from its source (the cache keeps only their ids). */
export function SilenceList(props: Readonly<{ alert: AlertDetail; onUnsilenced: () => void }>) {
  const t = useT();
  const api = useApi();
  const { alert } = props;
  const silences = useQuery({
    queryKey: queryKeys.alertSilences(alert.id, alert.silencedBy),
    queryFn: () => api.getAlertSilences({ id: alert.id }),
    enabled: alert.silencedBy.length > 0,
  });
  if (alert.silencedBy.length === 0) return null;
  if (silences.isError) {
    return (
      <p className="field-error" role="alert">
        {t('silence.unavailable', { message: errorMessage(silences.error) })}
      </p>
    );
  }
  if (!silences.data) return <p className="muted">{t('silence.loading')}</p>;
  return (
    <ul className="silence-list">
      {silences.data.map((silence) => (
        <SilenceItem key={silence.id} alert={alert} silence={silence} onUnsilenced={props.onUnsilenced} />
      ))}
    </ul>
  );
}
