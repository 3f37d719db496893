import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/src/api/request';
import { en } from '../../../client/src/i18n/en';
import { zhCN } from '../../../client/src/i18n/zh-CN';
import { adminRefusalOf } from '../../../client/src/views/admin/admin-errors';

function refused(status: number, code: string | null, details?: unknown) {
  const error = new ApiError('/api/users', status, code, 'server words');
  return details === undefined ? error : Object.assign(error, { details });
}
const invalid = (path: string) => refused(400, 'invalid_request', [{ path, message: 'must NOT have fewer than 10 characters' }]);

describe('what the admin view says when the server refuses', () => {
  it('a taken username, beside the username', () => {
    expect(adminRefusalOf(refused(409, 'username_taken'))).toEqual({ key: 'admin.refusal.usernameTaken', field: 'username' });
  });

  it('a weak password or a bad username or name, from the schema issue that names the field', () => {
    expect(adminRefusalOf(invalid('body/password'))).toEqual({ key: 'admin.refusal.password', field: 'password' });
    expect(adminRefusalOf(invalid('body/username'))).toEqual({ key: 'admin.refusal.username', field: 'username' });
    expect(adminRefusalOf(invalid('body/name'))).toEqual({ key: 'admin.refusal.name', field: 'name' });
    expect(adminRefusalOf(invalid('body/regionCodes/0'))).toEqual({ key: 'admin.refusal.region', field: 'region' });
    expect(adminRefusalOf(invalid('querystring/limit'))).toEqual({ key: 'admin.refusal.invalid' });
  });

  it('a bad scope, beside the scope', () => {
    expect(adminRefusalOf(refused(422, 'unknown_region', { regionCodes: ['999'] }))).toEqual({ key: 'admin.refusal.unknownRegion', field: 'region' });
    expect(adminRefusalOf(refused(422, 'regions_need_supervisor'))).toEqual({ key: 'admin.refusal.regionsNeedSupervisor', field: 'region' });
  });

  it('the last admin, a gone record, no right, the server down, no answer at all', () => {
    expect(adminRefusalOf(refused(409, 'last_admin'))).toEqual({ key: 'admin.refusal.lastAdmin' });
    expect(adminRefusalOf(refused(404, 'not_found'))).toEqual({ key: 'admin.refusal.notFound' });
    expect(adminRefusalOf(refused(403, 'forbidden'))).toEqual({ key: 'admin.refusal.forbidden' });
    expect(adminRefusalOf(refused(503, 'database_unavailable'))).toEqual({ key: 'admin.refusal.server' });
    expect(adminRefusalOf(new TypeError('Failed to fetch'))).toEqual({ key: 'admin.refusal.network' });
    expect(adminRefusalOf(refused(418, null))).toEqual({ key: 'admin.refusal.unknown', params: { status: 418 } });
  });

  it('never shows the server words, and every refusal is in both languages', () => {
    for (const key of Object.keys(zhCN).filter((k) => k.startsWith('admin.'))) {
      expect([key, en[key as keyof typeof en]]).toEqual([key, expect.any(String)]);
      expect(zhCN[key as keyof typeof zhCN]).not.toContain('server words');
    }
  });
});
