// Reasons the server writes itself (when the supervisor gave none) are stored in English; they are
// shown in the user's language. Rows written before this still read right: the text is matched.
import type { MessageKey } from '../../i18n/zh-CN';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const SERVER_REASONS: { pattern: RegExp; key: MessageKey }[] = [{ pattern: /^revert to version (\d+)$/, key: 'edit.history.reason.revert' }];

/** A history entry's reason as the user reads it: a known server reason translated, the supervisor's own text as written. */
export function historyReasonText(reason: string, t: Translate): string {
  for (const { pattern, key } of SERVER_REASONS) {
    const match = pattern.exec(reason.trim());
    if (match) return t(key, { version: Number(match[1]) });
  }
  return reason;
}
