-- Incident aggregation at county scale (a million incidents and more): the hex/square bins of
-- GET /api/incidents/aggregate come from an index-only scan instead of the table.
--
-- Each incident's spherical Web Mercator position in metres, kept by PostgreSQL itself so that
-- no write path (API, import, seed, plain SQL) can forget it. The arithmetic is what the aggregate
-- used to compute per row at query time; the bbox filter computes its bounds with the same
-- expressions (MERC_X_OF, MERC_Y_OF in incidents.repository.ts), so a point on a bbox edge is
-- inside. greatest() only keeps a point at exactly 90°S (tan = 0) from failing the write.
ALTER TABLE incidents
  ADD COLUMN merc_x double precision GENERATED ALWAYS AS (6378137.0 * radians(ST_X(geom))) STORED,
  ADD COLUMN merc_y double precision GENERATED ALWAYS AS (6378137.0 * ln(greatest(tan(pi() / 4 + radians(ST_Y(geom)) / 2), 1e-300))) STORED;

-- Covering indexes: everything the bins read (position, the overdue test) is in the index.
-- A time range alone (or with a bbox) scans the first; any category/status/source/priority filter
-- scans the second, the aggregate naming every value of the facets it does not filter so that the
-- time range stays a key range under each combination (a skip scan by hand). The position is a
-- key after the time, not a payload: the btree then tests a bbox on each entry itself, before
-- the executor sees it, which takes a third off the scan of a wide time range.
CREATE INDEX incidents_bins_time_idx ON incidents (reported_at, merc_x, merc_y)
  INCLUDE (deadline_at, closed_at, status);
CREATE INDEX incidents_bins_facets_idx ON incidents (category, status, source, priority, reported_at, merc_x, merc_y)
  INCLUDE (deadline_at, closed_at);

-- Index-only scans need the visibility map, which the table rewrite above leaves empty: on an
-- already populated database run VACUUM (ANALYZE) incidents once after this migration.
ANALYZE incidents;
