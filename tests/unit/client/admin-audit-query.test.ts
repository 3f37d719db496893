import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../client/src/api/admin-client';
import { AUDIT_PAGE_SIZE, auditPage, auditQueryString, localToIso, NO_AUDIT_FILTER } from '../../../client/src/views/admin/audit-query';
import { changedFields } from '../../../client/src/views/admin/admin-format';

const params = (qs: string) => Object.fromEntries(new URLSearchParams(qs));

describe('the audit log filter as sent', () => {
  it('asks one entry more than a page, from the page’s first entry', () => {
    expect(params(auditQueryString(NO_AUDIT_FILTER, 0))).toEqual({ limit: String(AUDIT_PAGE_SIZE + 1), offset: '0' });
    expect(params(auditQueryString(NO_AUDIT_FILTER, 2)).offset).toBe(String(2 * AUDIT_PAGE_SIZE));
  });

  it('sends the actor trimmed, the action, and the times as instants in the county’s time (+08:00)', () => {
    const qs = auditQueryString({ actor: ' admin ', action: 'update', from: '2026-12-05T08:30', to: '2026-12-06T00:00' }, 0);
    expect(params(qs)).toMatchObject({ actor: 'admin', action: 'update', from: '2026-12-05T00:30:00.000Z', to: '2026-12-05T16:00:00.000Z' });
  });

  it('never sends a partial or empty time', () => {
    expect(localToIso('')).toBeNull();
    expect(localToIso('2026-12-0')).toBeNull();
    expect(localToIso('2026-13-45T99:99')).toBeNull();
    expect(params(auditQueryString({ ...NO_AUDIT_FILTER, actor: '  ', from: '2026-12', to: '' }, 0))).toEqual({
      limit: String(AUDIT_PAGE_SIZE + 1),
      offset: '0',
    });
  });
});

describe('a page of the audit log', () => {
  const entry = (id: number): AuditEntry => ({
    id,
    at: '2026-12-05T00:00:00Z',
    actor: 'admin',
    action: 'insert',
    table: 'users',
    rowKey: String(id),
    before: null,
    after: {},
  });
  it('shows a page, and knows there is a next one only when the extra entry came', () => {
    const full = Array.from({ length: AUDIT_PAGE_SIZE + 1 }, (_, i) => entry(i));
    expect(auditPage(full)).toEqual({ rows: full.slice(0, AUDIT_PAGE_SIZE), hasMore: true });
    expect(auditPage(full.slice(0, AUDIT_PAGE_SIZE))).toEqual({ rows: full.slice(0, AUDIT_PAGE_SIZE), hasMore: false });
    expect(auditPage([])).toEqual({ rows: [], hasMore: false });
  });

  it('names the columns an update changed; all of an inserted row; none of a rehome summary', () => {
    expect(changedFields('update', { name: '南', version: 1, geom: 'x' }, { name: '北', version: 2, geom: 'x' })).toEqual(['name', 'version']);
    expect(changedFields('insert', null, { id: 1, username: 'li' })).toEqual(['id', 'username']);
    expect(changedFields('delete', { id: 1 }, null)).toEqual(['id']);
    expect(changedFields('rehome', { grid: 1 }, { grid: 2 })).toEqual([]);
  });
});
