// Every refusal the admin routes give, as a message in the admin's language and the form field it
// is about. The server's own message is English and for developers; it is never shown. Pure.
import { ApiError } from '../../api/request';
import type { MessageParams } from '../../i18n/lang';
import type { MessageKey } from '../../i18n/zh-CN';

export type AdminField = 'username' | 'password' | 'role' | 'region' | 'name';

export interface AdminRefusal {
  key: MessageKey;
  params?: MessageParams;
  field?: AdminField;
}

/** The body field a schema validation issue names (`body/password` → password). */
function fieldOf(details: unknown): AdminField | null {
  if (!Array.isArray(details)) return null;
  for (const issue of details) {
    const path = (issue as { path?: unknown } | null)?.path;
    const name = typeof path === 'string' ? /^\/?body\/(username|password|role|regionCodes|name)/.exec(path)?.[1] : undefined;
    if (name) return name === 'regionCodes' ? 'region' : (name as AdminField);
  }
  return null;
}

const FIELD_REFUSALS: Record<AdminField, MessageKey> = {
  username: 'admin.refusal.username',
  password: 'admin.refusal.password',
  role: 'admin.refusal.role',
  region: 'admin.refusal.region',
  name: 'admin.refusal.name',
};

export function adminRefusalOf(error: unknown): AdminRefusal {
  if (!(error instanceof ApiError)) return { key: 'admin.refusal.network' };
  switch (error.code) {
    case 'username_taken':
      return { key: 'admin.refusal.usernameTaken', field: 'username' };
    case 'unknown_region':
      return { key: 'admin.refusal.unknownRegion', field: 'region' };
    case 'regions_need_supervisor':
      return { key: 'admin.refusal.regionsNeedSupervisor', field: 'region' };
    case 'last_admin':
      return { key: 'admin.refusal.lastAdmin' };
    case 'worker_id_required':
    case 'unknown_worker':
    case 'worker_needs_worker_role':
      return { key: 'admin.refusal.worker', field: 'role' };
    case 'not_found':
      return { key: 'admin.refusal.notFound' };
  }
  if (error.status === 400 || error.status === 422) {
    const field = fieldOf(error.details);
    return field ? { key: FIELD_REFUSALS[field], field } : { key: 'admin.refusal.invalid' };
  }
  if (error.status === 401 || error.status === 403) return { key: 'admin.refusal.forbidden' };
  if (error.status >= 500) return { key: 'admin.refusal.server' };
  return { key: 'admin.refusal.unknown', params: { status: error.status } };
}
