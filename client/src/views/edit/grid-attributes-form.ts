// The attribute form's state, pure: the draft from what the server has, and the change to send.
import type { GridAttributesChange, GridStaff } from '../../api/grid-attributes-client';
import type { GridFeature } from '../../api/types';

export interface AttributesDraft {
  name: string;
  type: GridFeature['properties']['type'];
  workerIds: number[];
  partyMembers: number;
}

export function draftOf(grid: GridFeature, staff: GridStaff): AttributesDraft {
  return { name: grid.properties.name, type: grid.properties.type, workerIds: staff.workers.map((w) => w.id), partyMembers: staff.partyMembers };
}

const sameIds = (a: number[], b: number[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Only what the draft changes, from the grid's current version; null when it changes nothing. */
export function changeOf(draft: AttributesDraft, grid: GridFeature, staff: GridStaff, reason: string): GridAttributesChange | null {
  const before = draftOf(grid, staff);
  const change: GridAttributesChange = { version: grid.properties.version };
  // The server refuses a blank name in words of its own; only a changed one is sent.
  if (draft.name.trim() !== before.name) change.name = draft.name;
  if (draft.type !== before.type) change.type = draft.type;
  if (!sameIds(draft.workerIds, before.workerIds)) change.workerIds = draft.workerIds;
  if (draft.partyMembers !== before.partyMembers) change.partyMembers = draft.partyMembers;
  if (Object.keys(change).length === 1) return null;
  if (reason.trim()) change.reason = reason.trim();
  return change;
}

/** The codes the form explains in words of its own; any other reads as "saving failed". */
export const ATTRIBUTE_ERRORS = [
  'invalid_name',
  'unknown_worker',
  'stale_version',
  'out_of_scope',
  'invalid_request',
  'grid_not_found',
  'grid_deleted',
] as const;
export type AttributeError = (typeof ATTRIBUTE_ERRORS)[number] | 'other';

const isExplained = (code: string | null): code is (typeof ATTRIBUTE_ERRORS)[number] => (ATTRIBUTE_ERRORS as readonly (string | null)[]).includes(code);

export const attributeError = (code: string | null): AttributeError => (isExplained(code) ? code : 'other');
