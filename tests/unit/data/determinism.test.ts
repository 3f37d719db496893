import { describe, expect, it } from 'vitest';
import { generateTown } from '../../../data/demo-town/town';

describe('demo town determinism', () => {
  it('produces the same town on every run', () => {
    const a = generateTown({ incidentsPerCopy: 3000 });
    const b = generateTown({ incidentsPerCopy: 3000 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('produces a different town for a different seed', () => {
    const a = generateTown({ incidentsPerCopy: 100 });
    const b = generateTown({ incidentsPerCopy: 100, seed: 7 });
    expect(b.copies[0]!.households[0]!.lng).not.toBe(a.copies[0]!.households[0]!.lng);
  });

  it('rejects a scale that is not a positive integer', () => {
    expect(() => generateTown({ scale: 0 })).toThrow(/scale must be an integer/);
    expect(() => generateTown({ scale: 1.5 })).toThrow(/scale must be an integer/);
  });
});
