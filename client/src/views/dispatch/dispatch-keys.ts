// The dispatcher's keyboard: j/k or ↑/↓ move in the queue, Enter opens, one letter per action
// (ACTION_KEYS), Esc closes. Pure: the page says what it offers, this says what a key means.
import { ACTION_KEYS, type DispatchAction } from './dispatch-actions';

export type KeyCommand = { type: 'move'; delta: number } | { type: 'open' } | { type: 'action'; action: DispatchAction } | { type: 'close' };

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

export interface KeyContext {
  /** The key was typed into a text field, a select or a button that wants it (Enter, Space). */
  inField: boolean;
  /** A dialog is open: it owns every key but Esc. */
  dialogOpen: boolean;
  /** The actions the open incident offers now. */
  offered: readonly DispatchAction[];
}

const BY_KEY = new Map(Object.entries(ACTION_KEYS).map(([action, key]) => [key, action as DispatchAction]));
const MOVES: Record<string, number> = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1, PageDown: 10, PageUp: -10 };

export function commandForKey(press: KeyPress, context: KeyContext): KeyCommand | null {
  // Browser and system shortcuts (Ctrl+R, ⌘C) are never ours.
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === 'Escape') return { type: 'close' };
  if (context.dialogOpen || context.inField) return null;
  const move = MOVES[press.key];
  if (move !== undefined) return { type: 'move', delta: move };
  if (press.key === 'Enter') return { type: 'open' };
  // Shift+A works like a; Caps Lock too.
  const action = press.key.length === 1 ? BY_KEY.get(press.key.toLowerCase()) : undefined;
  if (action && context.offered.includes(action)) return { type: 'action', action };
  return null;
}

/** The key as printed on a button. */
export const keyLabel = (action: DispatchAction) => ACTION_KEYS[action].toUpperCase();
