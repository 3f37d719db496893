// Why the server refused a write, in the worker's language: the API's messages are English and
// technical; the codes are stable. Pure, unit-tested.
import type { OutboxRefusal } from '../../api/outbox';

export const REFUSAL_CODES = [
  'out_of_scope',
  'outside_regions',
  'not_your_task',
  'assignee_only',
  'illegal_transition',
  'not_found',
  'photo_too_large',
  'photo_type',
  'too_many_photos',
  'invalid_track',
  'invalid_request',
  'invalid_text',
  'forbidden',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export type RefusalKey = `worker.refusal.${RefusalCode}` | 'worker.refusal.other';

/** The message key for a refusal, and its parameters. */
export function refusalMessage(refusal: OutboxRefusal): { key: RefusalKey; params: { status: number } } {
  const code = (REFUSAL_CODES as readonly string[]).includes(refusal.code ?? '') ? (refusal.code as RefusalCode) : null;
  return { key: code ? `worker.refusal.${code}` : 'worker.refusal.other', params: { status: refusal.status } };
}
