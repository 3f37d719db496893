-- Grid geometry is stored at the precision GET /api/grids serves (7 decimals, 1e-7°, ~1 cm), so
-- a grid read and saved back unchanged is the same geometry (server/repositories/grid-precision.ts,
-- whose storedShape every write path now uses). Grids written before — imports or split lines with
-- more decimals — are snapped here with that same expression, frozen as of this migration.
--
-- Snapping is the same for every coordinate, so grids sharing an edge still share it. The version
-- is not bumped and no history is written: what the API serves does not change (it printed these
-- 7 decimals already), except for the rare grid that snapping made touch itself and that had to be
-- repaired. A grid thinner than the grid step would vanish: it is left as it was. The audit
-- triggers record each row changed, under the database user.
UPDATE grids g
   SET geom = s.geom
  FROM (
    SELECT id,
           (SELECT ST_Multi(ST_CollectionExtract(ST_SetSRID(ST_GeomFromGeoJSON(ST_AsGeoJSON(
                     CASE WHEN ST_IsValid(snapped) THEN snapped ELSE ST_ReducePrecision(ST_MakeValid(snapped, 'method=structure'), 1e-7) END, 7)), 4326), 3))
              FROM (SELECT ST_SnapToGrid(grids.geom, 1e-7) AS snapped) grid_step) AS geom
      FROM grids
  ) s
 WHERE g.id = s.id AND NOT ST_IsEmpty(s.geom) AND ST_AsBinary(g.geom) <> ST_AsBinary(s.geom);
