import { AppError } from '../../errors'

/**
 * Why an edit was refused. Stable codes: the editor shows each in words (i18n `edit.reason.*`).
 * Structural geometry codes come from the import checks (geometry-checks.ts).
 */
export const EDIT_REASONS = {
  // 422: the edit itself is wrong
  malformed_coordinates: 422,
  wrong_geometry_type: 422,
  unclosed_ring: 422,
  too_few_positions: 422,
  coordinates_out_of_range: 422,
  too_many_vertices: 422,
  missing_geometry: 422,
  invalid_polygon: 422,
  empty_geometry: 422,
  outside_community: 422,
  overlaps_grid: 422,
  unknown_community: 422,
  community_mismatch: 422,
  invalid_line: 422,
  line_does_not_split: 422,
  grids_not_adjacent: 422,
  different_communities: 422,
  duplicate_grid: 422,
  invalid_name: 422,
  unknown_worker: 422,
  version_required: 400,
  // the target
  grid_not_found: 404,
  version_not_found: 404,
  grid_deleted: 410,
  // concurrency and numbering
  stale_version: 409,
  no_free_code: 409,
  // scope
  out_of_scope: 403,
} as const

export type EditReasonCode = keyof typeof EDIT_REASONS

export interface EditProblem {
  code: EditReasonCode
  message: string
  details?: unknown
}

export const editError = (problem: EditProblem) => new AppError(EDIT_REASONS[problem.code], problem.code, problem.message, problem.details)

export const refuse = (code: EditReasonCode, message: string, details?: unknown) => editError({ code, message, details })
