import { useEffect, useRef, useState } from 'react';
import { dateEntry } from './date-entry';

/** Typing pauses this long before the filter changes (one request per date, not per keystroke). */
const SETTLE_MS = 600;

interface Props {
  id: string;
  testid: string;
  value: string | null;
  onCommit: (day: string | null) => void;
}

/**
 * A date input that changes the filter only with a complete date (or when emptied), once typing
 * settles or the field is left; what is typed stays the user's until then.
 */
export function DateInput({ id, testid, value, onCommit }: Props) {
  const [draft, setDraft] = useState(value ?? '');
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const committed = useRef(value);
  committed.current = value;

  // The URL changed elsewhere (reset, brush, back): show it.
  useEffect(() => setDraft(value ?? ''), [value]);
  useEffect(() => () => cancel(), []);

  function cancel() {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
  }
  function commit(input: HTMLInputElement) {
    cancel();
    const entry = dateEntry(input.value, input.validity.badInput);
    const next = entry.kind === 'day' ? entry.day : entry.kind === 'clear' ? null : undefined;
    if (next !== undefined && next !== committed.current) onCommit(next);
  }

  return (
    <input
      type="date"
      id={id}
      data-testid={testid}
      value={draft}
      onChange={(e) => {
        const input = e.currentTarget;
        setDraft(input.value);
        cancel();
        pending.current = setTimeout(() => commit(input), SETTLE_MS);
      }}
      onBlur={(e) => commit(e.currentTarget)}
    />
  );
}
