import { useT } from '../i18n/use-translate';
import { useLanguage } from '../i18n/use-translate';
import { formatDateTime } from '../ui/format';
import { useNotificationState, useSnooze } from './queries';

const CHOICES = [15, 60] as const;

/** Snooze every ring for a while (escalations still go out), from the header. */
export function SnoozeControl() {
  const t = useT();
  const language = useLanguage();
  const state = useNotificationState();
  const snooze = useSnooze();
  const until = state.data?.snoozedUntil;
  const problems = state.data?.deliveryProblems ?? [];
  return (
    <div className="snooze-control" data-snoozed={until ? 'true' : 'false'}>
      {until ? (
        <>
          <span>{t('snooze.until', { time: formatDateTime(until, language) })}</span>
          <button type="button" disabled={snooze.isPending} onClick={() => snooze.mutate(0)}>
            {t('snooze.end')}
          </button>
        </>
      ) : (
        CHOICES.map((minutes) => (
          <button
            key={minutes}
            type="button"
            disabled={snooze.isPending}
            onClick={() => snooze.mutate(minutes)}
          >
            {t('snooze.for', { minutes })}
          </button>
        ))
      )}
      {state.data?.quietHoursActive && <span className="muted">{t('snooze.quietHours')}</span>}
      {snooze.isError && <span className="notice-error">{snooze.error.message}</span>}
      {problems.map((problem) => (
        <span key={problem} className="notice notice-error" role="alert">
          {t('escalation.failed', { message: problem })}
        </span>
      ))}
    </div>
  );
}
