import { describe, expect, it } from 'vitest';
import { dateEntry } from '../../../client/src/views/analyze/date-entry';

describe('a date typed into /analyze', () => {
  it('changes the filter only once the date is complete', () => {
    expect(dateEntry('2026-03-04', false)).toEqual({ kind: 'day', day: '2026-03-04' });
  });

  it('waits while the year is still being typed (0002, 0020, 0202 before 2026)', () => {
    for (const raw of ['0002-03-04', '0020-03-04', '0202-03-04']) expect(dateEntry(raw, false)).toEqual({ kind: 'partial' });
  });

  it('waits while the field is half filled, and clears the filter when emptied', () => {
    expect(dateEntry('', true)).toEqual({ kind: 'partial' });
    expect(dateEntry('', false)).toEqual({ kind: 'clear' });
  });

  it('does not send a day that does not exist or a malformed value', () => {
    expect(dateEntry('2026-02-30', false)).toEqual({ kind: 'partial' });
    expect(dateEntry('2026-3-4', false)).toEqual({ kind: 'partial' });
  });
});
