/**
 * The one rule that gives a point its home grid: among active grids whose polygon contains the
 * point or has it on its boundary, the one with the lowest code. A household exactly on an edge
 * shared by two grids therefore belongs to the lower-coded grid, deterministically.
 */
export const homeGridOf = (point: string) =>
  `(SELECT g.id FROM grids g
     WHERE g.deleted_at IS NULL AND g.geom && ${point} AND ST_Intersects(g.geom, ${point})
     ORDER BY g.code LIMIT 1)`

/** Recomputes the home grid of households and incidents whose point lies in `area` (a geometry SQL expression). */
export function rehomeWithin(area: string): string[] {
  return ['households', 'incidents'].map(
    (table) => `UPDATE ${table} t SET grid_id = ${homeGridOf('t.geom')}
                 WHERE t.geom && ${area} AND ST_Intersects(t.geom, ${area})`,
  )
}
