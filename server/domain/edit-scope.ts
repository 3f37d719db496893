/**
 * Who may edit a region's grids: the one rule the server enforces on every grid edit and the editor
 * uses to mark, before anyone tries, which grids a user may change. A supervisor's scope is a list
 * of region codes; a code covers every region and grid whose code it prefixes (a street covers its
 * communities). An admin's scope is everywhere.
 */
import type { Role } from './vocabulary'

/** The scope of an admin: every region. */
export const EVERYWHERE = '*'

/** The scope a user edits in, as /api/grids/editor answers it. */
export function editScopeOf(role: Role | string, regions: string[]): string[] {
  if (role === 'admin') return [EVERYWHERE]
  return role === 'supervisor' ? regions : []
}

/** Whether a scope covers a region (or grid) code. */
export function scopeCovers(scope: readonly string[], code: string): boolean {
  return scope.some((region) => region === EVERYWHERE || code.startsWith(region))
}
