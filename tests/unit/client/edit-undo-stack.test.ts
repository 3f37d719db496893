import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, push, redo, undo, undoStack } from '../../../client/src/views/edit/undo-stack';

describe('undo stack', () => {
  it('undoes and redoes in order', () => {
    const stack = push(push(undoStack<string | null>(null), 'a'), 'b');
    expect(undo(stack)).toEqual({ past: [null], present: 'a', future: ['b'] });
    expect(undo(undo(stack))).toEqual({ past: [], present: null, future: ['a', 'b'] });
    expect(redo(undo(undo(stack)))).toEqual({ past: [null], present: 'a', future: ['b'] });
  });

  it('drops the redo branch on a new change and ignores a push of the same state', () => {
    const stack = push(undo(push(push(undoStack('x'), 'a'), 'b')), 'c');
    expect(stack).toEqual({ past: ['x', 'a'], present: 'c', future: [] });
    expect(push(stack, 'c')).toBe(stack);
  });

  it('does nothing past either end', () => {
    const fresh = undoStack(1);
    expect([undo(fresh), redo(fresh), canUndo(fresh), canRedo(fresh)]).toEqual([fresh, fresh, false, false]);
  });
});
