import { useEffect, useState } from 'react';
import type { InputHTMLAttributes } from 'react';

const DEBOUNCE_MS = 300;

/**
 * A text input that commits after typing pauses (and at once on Enter), so each keystroke does not
 * start a query. It follows the committed value when something else changes it.
 */
export function DebouncedInput(
  props: Readonly<
    { value: string; onCommit: (value: string) => void } & Omit<
      InputHTMLAttributes<HTMLInputElement>,
      'value' | 'onChange'
    >
  >,
) {
  const { value, onCommit, ...inputProps } = props;
  const [draft, setDraft] = useState(value);
  const [committed, setCommitted] = useState(value);
  if (committed !== value) {
    // The store changed underneath us (e.g. the board opened a service): show the new value.
    setCommitted(value);
    setDraft(value);
  }
  useEffect(() => {
    if (draft === value) return undefined;
    const timer = window.setTimeout(() => onCommit(draft), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [draft, value, onCommit]);
  return (
    <input
      {...inputProps}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && draft !== value) onCommit(draft);
      }}
    />
  );
}
