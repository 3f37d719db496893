// The editor's keyboard: Ctrl+Z undo, Ctrl+Shift+Z (or Ctrl+Y) redo, Esc cancels the drawing or
// the selection. Never while the user types: there the keys belong to the text.
import { useEffect, useRef } from 'react';

export type EditKeyAction = 'undo' | 'redo' | 'cancel';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** What a key press asks of the editor; `typing` when the focus is in a text field. */
export function editKeyAction(e: KeyPress, typing: boolean): EditKeyAction | null {
  if (typing || e.altKey) return null;
  if (e.key === 'Escape') return 'cancel';
  if (!(e.ctrlKey || e.metaKey)) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
}

/** Whether a key press lands in something the user types into. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(target.type);
}

/** Runs the editor's action for each key press on the page. */
export function useEditKeys(run: (action: EditKeyAction) => void): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = editKeyAction(e, isTyping(e.target));
      if (!action) return;
      e.preventDefault();
      latest.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
