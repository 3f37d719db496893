import type { MessageKey } from '../i18n/zh-CN';
import { isRole } from './session-state';

/** The message key of a role's display name; an unknown role shows as it is. */
export function roleKey(role: string): MessageKey | null {
  return isRole(role) ? (`auth.role.${role}` as MessageKey) : null;
}
