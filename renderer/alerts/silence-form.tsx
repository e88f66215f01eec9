import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { AlertDetail, SilenceInput } from '../../src/api/contract.js';
import type { Silence } from '../../src/domain/index.js';
import { SILENCE_MAX_MINUTES } from '../../src/domain/values.js';
import { useApi, useUi, useUiStoreApi } from '../app/cockpit-context';
import { queryKeys } from '../app/query-keys';
import type { MessageKey } from '../i18n/messages';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatDateTime } from '../ui/format';
import { errorMessage } from '../ui/view-state';
import { SilenceFacts, SilenceList } from './silence-list';

const PRESETS = [
  { minutes: 60, label: 'silence.preset1h' },
  { minutes: 240, label: 'silence.preset4h' },
  { minutes: 1_440, label: 'silence.preset24h' },
] as const satisfies readonly { minutes: number; label: MessageKey }[];

type Choice = number | 'custom';

/**
 * What was just silenced (until when, by whom, why, on what), and whether a later poll has seen it
 * on the alert yet; forgets the request once it has.
 */
function SilenceConfirmation(props: Readonly<{ alert: AlertDetail; silence: Silence }>) {
  const t = useT();
  const language = useLanguage();
  const store = useUiStoreApi();
  const pending = useUi((state) => state.pendingSilences[props.alert.id]);
  const { alert, silence } = props;
  const confirmed = alert.silencedBy.includes(silence.id);
  const settled = confirmed || alert.state === 'resolved';
  // Seen on the alert once and gone since (ended, here or elsewhere): nothing left to confirm.
  const [seen, setSeen] = useState(false);
  if (confirmed && !seen) setSeen(true);
  useEffect(() => {
    if (pending && settled) store.getState().clearPendingSilence(alert.id);
  }, [pending, settled, store, alert.id]);
  if (seen && !confirmed) return null;
  return (
    <div className="silence-confirmation">
      <p className="silence-status is-confirmed" role="status">
        {t('silence.confirmed', { time: formatDateTime(silence.endsAt, language), name: silence.createdBy })}
      </p>
      {!confirmed && (
        <p className="silence-status is-pending" role="status">
          {t('silence.requested')}
        </p>
      )}
      {/* Once a poll confirms it, the list of active silences below shows it with its buttons. */}
      {!confirmed && <SilenceFacts silence={silence} />}
    </div>
  );
}

/**
 * The silence actions of an alert, first in its detail: what it is silenced by (with unsilence and
 * extend), and the form for a new silence, which closes once the source has accepted one.
 */
export function SilencePanel(props: Readonly<{ alert: AlertDetail }>) {
  const t = useT();
  const { alert } = props;
  // The last thing done here, said until the next one: a silence made, or a silence ended.
  const [notice, setNotice] = useState<{ created: Silence } | 'unsilenced' | undefined>();
  const [formOpen, setFormOpen] = useState(alert.silencedBy.length === 0);
  if (alert.state === 'resolved') {
    return (
      <section className="silence" aria-label={t('silence.title')}>
        <p className="muted">{t('silence.resolved')}</p>
      </section>
    );
  }
  const silenced = alert.silencedBy.length > 0 || (notice !== undefined && notice !== 'unsilenced');
  return (
    <section className="silence" aria-label={t('silence.title')}>
      <h3>{t('silence.title')}</h3>
      {notice === 'unsilenced' && (
        <p className="silence-status is-pending" role="status">
          {t('silence.unsilenced')}
        </p>
      )}
      {notice !== undefined && notice !== 'unsilenced' && (
        <SilenceConfirmation alert={alert} silence={notice.created} />
      )}
      <SilenceList alert={alert} onUnsilenced={() => setNotice('unsilenced')} />
      {formOpen ? (
        <SilenceForm
          alert={alert}
          onCancel={silenced ? () => setFormOpen(false) : undefined}
          onSilenced={(silence) => {
            setNotice({ created: silence });
            setFormOpen(false);
          }}
        />
      ) : (
        <button type="button" className="silence-open" onClick={() => setFormOpen(true)}>
          {silenced ? t('silence.openAnother') : t('silence.open')}
        </button>
      )}
    </section>
  );
}

/** Silence an alert at its source: the comment is required, the author is remembered. */
function SilenceForm(
  props: Readonly<{ alert: AlertDetail; onSilenced: (silence: Silence) => void; onCancel?: () => void }>,
) {
  const t = useT();
  const api = useApi();
  const store = useUiStoreApi();
  const queryClient = useQueryClient();
  const savedAuthor = useUi((state) => state.silenceAuthor);
  const { alert } = props;
  const [choice, setChoice] = useState<Choice>(60);
  const [customMinutes, setCustomMinutes] = useState('90');
  const [comment, setComment] = useState('');
  const [author, setAuthor] = useState(savedAuthor);
  const [problem, setProblem] = useState<MessageKey | undefined>();
  const ids = { comment: useId(), author: useId(), custom: useId(), problem: useId() };

  const silence = useMutation({
    mutationFn: (input: SilenceInput) => api.silenceAlert({ ...input, id: alert.id }),
    onSuccess: (result) => {
      if (!result.ok) return;
      store.getState().markSilenceRequested(alert.id, result.value.id);
      setComment('');
      props.onSilenced(result.value);
      // The host confirms on its next poll; the change event will refetch, this just asks early.
      void queryClient.invalidateQueries({ queryKey: queryKeys.alertDetail(alert.id) });
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const durationMinutes = choice === 'custom' ? Number(customMinutes) : choice;
    if (!Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > SILENCE_MAX_MINUTES) {
      setProblem('silence.customInvalid');
      return;
    }
    if (comment.trim() === '') {
      setProblem('silence.commentRequired');
      return;
    }
    setProblem(undefined);
    const createdBy = author.trim();
    store.getState().setSilenceAuthor(createdBy);
    silence.mutate({ durationMinutes, comment: comment.trim(), ...(createdBy ? { createdBy } : {}) });
  };

  // A viewer's token (a wall display) may read but not silence: say so in the reader's language.
  const failure =
    silence.data?.ok === false
      ? silence.data.error.code === 'forbidden'
        ? t('silence.forbidden')
        : silence.data.error.message
      : undefined;
  const thrown = silence.isError ? errorMessage(silence.error) : undefined;

  return (
    <>
      {/* noValidate: our translated sentences replace the browser's own required-field bubbles. */}
      <form className="silence-form" noValidate onSubmit={onSubmit}>
        <fieldset className="silence-duration">
          <legend>{t('silence.duration')}</legend>
          {PRESETS.map((preset) => (
            <label key={preset.minutes} className="radio">
              <input
                type="radio"
                name="silence-duration"
                checked={choice === preset.minutes}
                onChange={() => setChoice(preset.minutes)}
              />
              {t(preset.label)}
            </label>
          ))}
          <label className="radio">
            <input
              type="radio"
              name="silence-duration"
              checked={choice === 'custom'}
              onChange={() => setChoice('custom')}
            />
            {t('silence.presetCustom')}
          </label>
          {choice === 'custom' && (
            <span className="custom-duration">
              <label htmlFor={ids.custom}>{t('silence.customMinutes')}</label>
              <input
                id={ids.custom}
                type="number"
                min={1}
                max={SILENCE_MAX_MINUTES}
                step={1}
                value={customMinutes}
                onChange={(event) => setCustomMinutes(event.target.value)}
              />
            </span>
          )}
        </fieldset>
        <label htmlFor={ids.comment}>{t('silence.comment')}</label>
        <textarea
          id={ids.comment}
          required
          aria-required="true"
          aria-invalid={problem === 'silence.commentRequired'}
          aria-describedby={problem ? ids.problem : undefined}
          rows={3}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
        <label htmlFor={ids.author}>{t('silence.createdBy')}</label>
        <input
          id={ids.author}
          autoComplete="name"
          value={author}
          onChange={(event) => setAuthor(event.target.value)}
        />
        {problem && (
          <p id={ids.problem} className="field-error" role="alert">
            {t(problem)}
          </p>
        )}
        {(failure ?? thrown) !== undefined && (
          <p className="field-error" role="alert">
            {t('silence.failed', { message: failure ?? thrown ?? '' })}
          </p>
        )}
        <div className="silence-actions">
          <button type="submit" disabled={silence.isPending}>
            {silence.isPending ? t('silence.submitting') : t('silence.submit')}
          </button>
          {props.onCancel && (
            <button type="button" onClick={props.onCancel}>
              {t('silence.cancel')}
            </button>
          )}
        </div>
      </form>
    </>
  );
}
