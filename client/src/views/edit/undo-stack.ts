/** An undo/redo history of immutable states: `present` is what the editor shows. */
export interface UndoStack<T> {
  past: T[];
  present: T;
  future: T[];
}

export const undoStack = <T>(present: T): UndoStack<T> => ({ past: [], present, future: [] });

/** A new state; whatever was undone can no longer be redone. */
export function push<T>(stack: UndoStack<T>, next: T): UndoStack<T> {
  if (Object.is(next, stack.present)) return stack;
  return { past: [...stack.past, stack.present], present: next, future: [] };
}

export function undo<T>(stack: UndoStack<T>): UndoStack<T> {
  if (stack.past.length === 0) return stack;
  return { past: stack.past.slice(0, -1), present: stack.past[stack.past.length - 1], future: [stack.present, ...stack.future] };
}

export function redo<T>(stack: UndoStack<T>): UndoStack<T> {
  if (stack.future.length === 0) return stack;
  return { past: [...stack.past, stack.present], present: stack.future[0], future: stack.future.slice(1) };
}

export const canUndo = <T>(stack: UndoStack<T>) => stack.past.length > 0;
export const canRedo = <T>(stack: UndoStack<T>) => stack.future.length > 0;
