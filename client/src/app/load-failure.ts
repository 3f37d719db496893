// What failed, in the reader's words: a server that cannot be reached is not a server that refused.
import { ApiError } from '../api/request';
import type { I18nValue } from '../i18n/i18n-context';

export function failureReason(t: I18nValue['t'], error: unknown): string {
  if (error instanceof ApiError) return t('shell.failure.status', { status: error.status });
  // fetch rejects with a TypeError when no answer came at all (offline, server down, connection reset).
  if (error instanceof TypeError) return t('shell.failure.offline');
  return error instanceof Error ? error.message : String(error);
}
