import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { AlertDetail, SilenceInput } from '../../src/api/contract.js';
import { SILENCE_MAX_MINUTES } from '../../src/domain/values.js';
import { useApi, useUi, useUiStoreApi } from '../app/cockpit-context';
import { queryKeys } from '../app/query-keys';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/use-translate';
import { errorMessage } from '../ui/view-state';

const PRESETS = [
  { minutes: 60, label: 'silence.preset1h' },
  { minutes: 240, label: 'silence.preset4h' },
  { minutes: 1_440, label: 'silence.preset24h' },
] as const satisfies readonly { minutes: number; label: MessageKey }[];

type Choice = number | 'custom';

/** Shows whether a requested silence has been confirmed by a later poll, and forgets it once it has. */
function SilenceStatus(props: Readonly<{ alert: AlertDetail }>) {
  const t = useT();
  const store = useUiStoreApi();
  const pending = useUi((state) => state.pendingSilences[props.alert.id]);
  const { alert } = props;
  const confirmed = alert.state === 'silenced' || alert.silencedBy.length > 0;
  const settled = confirmed || alert.state === 'resolved';
  useEffect(() => {
    if (pending && settled) store.getState().clearPendingSilence(alert.id);
  }, [pending, settled, store, alert.id]);
  if (confirmed) {
    return (
      <p className="silence-status is-confirmed" role="status">
        {t('silence.confirmed', { ids: alert.silencedBy.join(', ') || t(`state.${alert.state}`) })}
      </p>
    );
  }
  if (!pending) return null;
  return (
    <p className="silence-status is-pending" role="status">
      {t('silence.requested')}
    </p>
  );
}

/** Silence an alert at its source: the comment is required, the author is remembered. */
export function SilenceForm(props: Readonly<{ alert: AlertDetail }>) {
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
      store.getState().markSilenceRequested(alert.id, result.value.silenceId);
      setComment('');
      // The host confirms on its next poll; the change event will refetch, this just asks early.
      void queryClient.invalidateQueries({ queryKey: queryKeys.alertDetail(alert.id) });
    },
  });

  if (alert.state === 'resolved') {
    return (
      <section className="silence" aria-label={t('silence.title')}>
        <p className="muted">{t('silence.resolved')}</p>
      </section>
    );
  }

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
    <section className="silence" aria-label={t('silence.title')}>
      <h3>{t('silence.title')}</h3>
      <SilenceStatus alert={alert} />
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
        <button type="submit" disabled={silence.isPending}>
          {silence.isPending ? t('silence.submitting') : t('silence.submit')}
        </button>
      </form>
    </section>
  );
}
