import { describe, expect, it } from 'vitest';
import type { GridStaff } from '../../../client/src/api/grid-attributes-client';
import type { GridFeature } from '../../../client/src/api/types';
import { attributeError, changeOf, draftOf } from '../../../client/src/views/edit/grid-attributes-form';

const grid: GridFeature = {
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [] },
  properties: {
    id: 7,
    code: '320924001001005',
    name: '幸福社区第05网格',
    type: 'comprehensive',
    communityCode: '320924001001',
    householdCount: 300,
    version: 3,
  },
};
const worker = (id: number, name: string) => ({ id, name, role: 'full_time', isPartyMember: false });
const staff: GridStaff = {
  gridId: 7,
  version: 3,
  workers: [worker(1, '张伟'), worker(2, '李娜')],
  candidates: [worker(1, '张伟'), worker(2, '李娜'), worker(3, '王芳')],
  partyMembers: 5,
};

describe("the grid attribute form's change", () => {
  it('sends nothing when nothing changed (workers in another order are the same workers)', () => {
    expect(changeOf(draftOf(grid, staff), grid, staff, 'why')).toBeNull();
    expect(changeOf({ ...draftOf(grid, staff), workerIds: [2, 1] }, grid, staff, '')).toBeNull();
  });

  it('sends only what changed, from the version the form started from, with the reason', () => {
    const draft = { ...draftOf(grid, staff), name: '幸福社区第05网格（东）', workerIds: [2, 3], partyMembers: 6 };
    expect(changeOf(draft, grid, staff, ' 人员调整 ')).toEqual({
      version: 3,
      name: '幸福社区第05网格（东）',
      workerIds: [2, 3],
      partyMembers: 6,
      reason: '人员调整',
    });
    expect(changeOf({ ...draftOf(grid, staff), type: 'dedicated' }, grid, staff, '')).toEqual({ version: 3, type: 'dedicated' });
  });

  it('sends a blank name as typed, for the server to refuse in words of its own', () => {
    expect(changeOf({ ...draftOf(grid, staff), name: '  ' }, grid, staff, '')).toEqual({ version: 3, name: '  ' });
  });

  it('explains the refusals it knows, and any other as a failure', () => {
    expect(attributeError('invalid_name')).toBe('invalid_name');
    expect(attributeError('stale_version')).toBe('stale_version');
    expect(attributeError('database_unavailable')).toBe('other');
    expect(attributeError(null)).toBe('other');
  });
});
