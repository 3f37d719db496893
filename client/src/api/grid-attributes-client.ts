// Who may edit where, and a grid's attributes (name, type, staff): the editor's side panel.
import type { GridAttributesBodyType, GridAttributesResultBody, GridStaffBody } from '../../../server/schemas/grid-attributes.schema';
import { request } from './request';

export type GridStaff = GridStaffBody;
export type GridAttributesChange = GridAttributesBodyType;

export const gridAttributesApi = {
  /** The region codes the logged-in user may edit grids in ('*': everywhere); empty for nobody. */
  editScope: async (signal?: AbortSignal): Promise<string[]> =>
    (await request<{ regions: string[] }>('/api/grids/editor', { signal, authEvents: 'all-but-401' })).regions,
  staff: (id: number, signal?: AbortSignal) => request<GridStaff>(`/api/grids/${id}/staff`, { signal }),
  save: (id: number, change: GridAttributesChange) => request<GridAttributesResultBody>(`/api/grids/${id}/attributes`, { method: 'PUT', json: change }),
};
