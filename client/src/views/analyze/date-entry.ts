// What a date input's value means for the filter. A date input reports every keystroke: typing a
// year goes through 0002, 0020, 0202 before 2026, and a half-filled field reads as ''. Only a
// complete, plausible day changes the filter; an emptied field clears it; anything else waits.

export type DateEntry = { kind: 'day'; day: string } | { kind: 'clear' } | { kind: 'partial' };

/** Years an incident can have: older or later ones are a year still being typed. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/**
 * `raw` is the input's value (YYYY-MM-DD or ''); `incomplete` is the browser's word that the
 * field is half filled (validity.badInput), which is also ''.
 */
export function dateEntry(raw: string, incomplete: boolean): DateEntry {
  if (raw === '') return incomplete ? { kind: 'partial' } : { kind: 'clear' };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!m) return { kind: 'partial' };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < MIN_YEAR || year > MAX_YEAR) return { kind: 'partial' };
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { kind: 'partial' };
  return { kind: 'day', day: raw };
}
