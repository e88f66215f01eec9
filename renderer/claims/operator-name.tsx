import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ACK_NAME_MAX } from '../../src/domain/values.js';
import { useUi, useUiStoreApi } from '../app/cockpit-context';
import { useT } from '../i18n/use-translate';

/** The operator's name on this screen: asked once, remembered (the silence form's "your name" too). */
export function useOperatorName(): readonly [string, (name: string) => void] {
  const store = useUiStoreApi();
  const name = useUi((state) => state.silenceAuthor);
  return [name.trim(), (next: string) => store.getState().setSilenceAuthor(next.trim())];
}

/** Asks for the operator's name, then runs `onName` with it. */
export function OperatorNameForm(props: Readonly<{ onName(name: string): void; onCancel(): void }>) {
  const t = useT();
  const id = useId();
  const [, setName] = useOperatorName();
  const [draft, setDraft] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = draft.trim();
    if (!name) return;
    setName(name);
    props.onName(name);
  };
  return (
    <form className="operator-name-form" onSubmit={submit}>
      <label htmlFor={id}>{t('claim.whoAreYou')}</label>
      <input
        id={id}
        value={draft}
        maxLength={ACK_NAME_MAX}
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
      />
      <button type="submit" className="button-primary" disabled={draft.trim() === ''}>
        {t('claim.rememberName')}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t('claim.cancel')}
      </button>
    </form>
  );
}
