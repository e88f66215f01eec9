import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { Alert } from '../../src/domain/index.js';
import { ACK_NAME_MAX } from '../../src/domain/values.js';
import { useT } from '../i18n/use-translate';
import { plainText } from '../ui/untrusted-text';
import { AckLine } from './ack-line';
import { OperatorNameForm, useOperatorName } from './operator-name';
import { useClaimAction } from './queries';
import type { ClaimAction } from './queries';
import './claims.css';

type Step = 'idle' | 'name' | 'handover';

/** Claim (认领), release and hand over (转交) one alert; the claim line when someone holds it. */
export function ClaimControls(props: Readonly<{ alert: Alert; compact?: boolean }>) {
  const t = useT();
  const { alert } = props;
  const [name] = useOperatorName();
  const [step, setStep] = useState<Step>('idle');
  const [pending, setPending] = useState<((by: string) => ClaimAction) | undefined>();
  const action = useClaimAction();
  const handoverId = useId();
  const [to, setTo] = useState('');
  if (alert.state === 'resolved') return null;

  /** Runs an action as the operator, asking the name first when this screen does not know it. */
  const run = (make: (by: string) => ClaimAction) => {
    if (name) action.mutate(make(name));
    else {
      setPending(() => make);
      setStep('name');
    }
  };
  const submitHandover = (event: FormEvent) => {
    event.preventDefault();
    const target = to.trim();
    if (!target) return;
    run((by) => ({ kind: 'handover', alertId: alert.id, by, to: target }));
    setStep('idle');
    setTo('');
  };

  return (
    <div
      className={`claim-controls ${props.compact ? 'is-compact' : ''}`}
      data-claimed={alert.ack ? 'true' : 'false'}
    >
      {alert.ack ? (
        <>
          <AckLine ack={alert.ack} />
          {alert.ack.comment && !props.compact && (
            <span className="ack-comment">{plainText(alert.ack.comment)}</span>
          )}
          <button
            type="button"
            disabled={action.isPending}
            onClick={() => run((by) => ({ kind: 'release', alertId: alert.id, by }))}
          >
            {t('claim.release')}
          </button>
          <button type="button" disabled={action.isPending} onClick={() => setStep('handover')}>
            {t('claim.handover')}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button-primary claim-button"
          disabled={action.isPending}
          onClick={() => run((by) => ({ kind: 'claim', alertId: alert.id, by }))}
        >
          {action.isPending ? t('claim.claiming') : t('claim.claim')}
        </button>
      )}
      {step === 'name' && pending && (
        <OperatorNameForm
          onName={(by) => {
            action.mutate(pending(by));
            setStep('idle');
          }}
          onCancel={() => setStep('idle')}
        />
      )}
      {step === 'handover' && (
        <form className="handover-form" onSubmit={submitHandover}>
          <label htmlFor={handoverId}>{t('claim.handoverTo')}</label>
          <input
            id={handoverId}
            value={to}
            maxLength={ACK_NAME_MAX}
            autoFocus
            onChange={(event) => setTo(event.target.value)}
          />
          <button type="submit" className="button-primary" disabled={to.trim() === ''}>
            {t('claim.handoverSubmit')}
          </button>
          <button type="button" onClick={() => setStep('idle')}>
            {t('claim.cancel')}
          </button>
        </form>
      )}
      {action.isError && (
        <p className="notice notice-error" role="alert">
          {t('claim.failed', { message: action.error.message })}
        </p>
      )}
      {alert.ack?.writeBackError && !props.compact && (
        <p className="notice notice-stale" role="status">
          {t('claim.writeBackFailed', { message: alert.ack.writeBackError })}
        </p>
      )}
    </div>
  );
}
