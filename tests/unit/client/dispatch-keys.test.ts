import { describe, expect, it } from 'vitest';
import { commandForKey, keyLabel } from '../../../client/src/views/dispatch/dispatch-keys';

const free = { inField: false, dialogOpen: false, offered: ['accept', 'reject', 'escalate'] as const };

describe('the dispatcher keyboard', () => {
  it('moves with j/k and the arrows, opens with Enter', () => {
    expect(commandForKey({ key: 'j' }, free)).toEqual({ type: 'move', delta: 1 });
    expect(commandForKey({ key: 'ArrowDown' }, free)).toEqual({ type: 'move', delta: 1 });
    expect(commandForKey({ key: 'k' }, free)).toEqual({ type: 'move', delta: -1 });
    expect(commandForKey({ key: 'ArrowUp' }, free)).toEqual({ type: 'move', delta: -1 });
    expect(commandForKey({ key: 'Enter' }, free)).toEqual({ type: 'open' });
  });

  it('starts an offered action by its letter, either case', () => {
    expect(commandForKey({ key: 'a' }, free)).toEqual({ type: 'action', action: 'accept' });
    expect(commandForKey({ key: 'R' }, free)).toEqual({ type: 'action', action: 'reject' });
  });

  it('ignores the letter of an action not offered now', () => {
    expect(commandForKey({ key: 'd' }, free)).toBe(null);
    expect(commandForKey({ key: 'v' }, free)).toBe(null);
  });

  it('leaves typing, dialogs and browser shortcuts alone, but Esc always closes', () => {
    expect(commandForKey({ key: 'a' }, { ...free, inField: true })).toBe(null);
    expect(commandForKey({ key: 'j' }, { ...free, dialogOpen: true })).toBe(null);
    expect(commandForKey({ key: 'r', ctrlKey: true }, free)).toBe(null);
    expect(commandForKey({ key: 'a', metaKey: true }, free)).toBe(null);
    expect(commandForKey({ key: 'Escape' }, { ...free, dialogOpen: true, inField: true })).toEqual({ type: 'close' });
  });

  it('prints the keys on the buttons in capitals', () => {
    expect(['accept', 'reject', 'dispatch', 'verify', 'close', 'return'].map((a) => keyLabel(a as never))).toEqual(['A', 'R', 'D', 'V', 'C', 'B']);
  });
});
