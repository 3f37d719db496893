-- A change feed for the coverage cache. Every write to what the coverage report reads appends the
-- scopes it touched: a community code (its part of the report: gaps, overlaps owned by its grids,
-- grid facts), a county code (county-wide household, patrol and service totals) or '*' (anything
-- else: regions, workers, service points, truncation). Triggers write it, so no write path can
-- forget, including bulk imports and tests that write SQL directly.
--
-- Append-only on purpose: concurrent writers never wait on each other's counter rows. A cached
-- part remembers the snapshot it was computed in; a change row whose transaction that snapshot
-- could not see (pg_visible_in_snapshot) makes it stale, whatever order the commits came in.
CREATE TABLE coverage_changes (
  id         bigserial PRIMARY KEY,
  xid        xid8 NOT NULL DEFAULT pg_current_xact_id(),
  scope      text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coverage_changes_xid_idx ON coverage_changes (xid);

CREATE FUNCTION coverage_touch(scopes text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO coverage_changes (scope) SELECT DISTINCT s FROM unnest(scopes) s WHERE s IS NOT NULL
$$;

-- A bulk write (an import, the demo seed, the start-up backfill) touches everything: cheaper
-- than finding the communities of half a million rows, and the whole report changes anyway.
CREATE FUNCTION coverage_is_bulk(n bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT n > 5000 $$;

-- Communities of the grids a set of points or shapes falls in or meets, and of given grid ids.
CREATE FUNCTION coverage_communities_of_grids(ids bigint[]) RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT community_code), '{}') FROM grids WHERE id = ANY(ids)
$$;
CREATE FUNCTION coverage_communities_meeting(shapes geometry[]) RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT code), '{}') FROM (
    SELECT g.community_code AS code FROM grids g, unnest(shapes) s
     WHERE g.deleted_at IS NULL AND g.geom && s AND ST_Intersects(g.geom, s)
    UNION
    SELECT r.code FROM regions r, unnest(shapes) s
     WHERE r.level = 'community' AND r.boundary && s AND ST_Intersects(r.boundary, s)) c
$$;

-- Grids: their communities, and the communities of every grid they meet before or after (an
-- overlap is reported by the community of its lower-coded grid, which may be the neighbour's).
CREATE FUNCTION coverage_grids_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE shapes geometry[]; codes text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(geom), array_agg(community_code) INTO shapes, codes FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(geom), array_agg(community_code) INTO shapes, codes FROM old_rows;
  ELSE
    SELECT array_agg(geom), array_agg(community_code) INTO shapes, codes
      FROM (SELECT geom, community_code FROM old_rows UNION ALL SELECT geom, community_code FROM new_rows) r;
  END IF;
  PERFORM coverage_touch(codes || coverage_communities_meeting(shapes));
  RETURN NULL;
END $$;
CREATE TRIGGER coverage_grids_insert AFTER INSERT ON grids REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_grids_changed();
CREATE TRIGGER coverage_grids_update AFTER UPDATE ON grids REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_grids_changed();
CREATE TRIGGER coverage_grids_delete AFTER DELETE ON grids REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_grids_changed();

-- Households (and their service access): the communities of every grid or community they stand
-- in (their home grid, overlaps, gaps), and their county's totals — unless only the home grid
-- changed (re-homing after a grid edit), which leaves the county's totals as they were.
CREATE FUNCTION coverage_households_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE shapes geometry[] := '{}'; counties text[] := '{}';
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF coverage_is_bulk((SELECT count(*) FROM old_rows)) THEN PERFORM coverage_touch(ARRAY['*']); RETURN NULL; END IF;
    SELECT array_agg(geom), array_agg(county_code) INTO shapes, counties FROM old_rows;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    IF coverage_is_bulk((SELECT count(*) FROM new_rows)) THEN PERFORM coverage_touch(ARRAY['*']); RETURN NULL; END IF;
    SELECT coalesce(shapes, '{}') || array_agg(geom), coalesce(counties, '{}') || array_agg(county_code) INTO shapes, counties FROM new_rows;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    SELECT coalesce(array_agg(DISTINCT n.county_code), '{}') INTO counties
      FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE (o.county_code, o.population, o.geom) IS DISTINCT FROM (n.county_code, n.population, n.geom);
  END IF;
  PERFORM coverage_touch(counties || coverage_communities_meeting(shapes));
  RETURN NULL;
END $$;
CREATE TRIGGER coverage_households_insert AFTER INSERT ON households REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_households_changed();
CREATE TRIGGER coverage_households_update AFTER UPDATE ON households REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_households_changed();
CREATE TRIGGER coverage_households_delete AFTER DELETE ON households REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_households_changed();

CREATE FUNCTION coverage_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids bigint[] := '{}'; counties text[] := '{}';
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF coverage_is_bulk((SELECT count(*) FROM old_rows)) THEN PERFORM coverage_touch(ARRAY['*']); RETURN NULL; END IF;
    SELECT array_agg(household_id), array_agg(county_code) INTO ids, counties FROM old_rows;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    IF coverage_is_bulk((SELECT count(*) FROM new_rows)) THEN PERFORM coverage_touch(ARRAY['*']); RETURN NULL; END IF;
    SELECT coalesce(ids, '{}') || array_agg(household_id), coalesce(counties, '{}') || array_agg(county_code) INTO ids, counties FROM new_rows;
  END IF;
  PERFORM coverage_touch(counties || coverage_communities_of_grids((SELECT array_agg(DISTINCT grid_id) FROM households WHERE id = ANY(ids))));
  RETURN NULL;
END $$;
CREATE TRIGGER coverage_access_insert AFTER INSERT ON household_service_access REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_access_changed();
CREATE TRIGGER coverage_access_update AFTER UPDATE ON household_service_access REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_access_changed();
CREATE TRIGGER coverage_access_delete AFTER DELETE ON household_service_access REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_access_changed();

-- Rows that belong to a grid (incidents, patrols, assignments, party groups): that grid's
-- community; patrols also change the county's unvisited households.
CREATE FUNCTION coverage_grid_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids bigint[] := '{}'; counties text[] := '{}';
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF coverage_is_bulk((SELECT count(*) FROM old_rows)) THEN PERFORM coverage_touch(ARRAY['*']); RETURN NULL; END IF;
    SELECT array_agg(grid_id), array_agg(county_code) INTO ids, counties FROM old_rows;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    IF coverage_is_bulk((SELECT count(*) FROM new_rows)) THEN PERFORM coverage_touch(ARRAY['*']); RETURN NULL; END IF;
    SELECT coalesce(ids, '{}') || array_agg(grid_id), coalesce(counties, '{}') || array_agg(county_code) INTO ids, counties FROM new_rows;
  END IF;
  PERFORM coverage_touch(CASE WHEN TG_TABLE_NAME = 'patrol_visits' THEN counties ELSE '{}' END
                         || coverage_communities_of_grids(ids));
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['incidents', 'patrol_visits', 'grid_assignments', 'party_groups'] LOOP
    EXECUTE format('CREATE TRIGGER coverage_%1$s_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION coverage_grid_rows_changed()', t);
    EXECUTE format('CREATE TRIGGER coverage_%1$s_update AFTER UPDATE ON %1$I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION coverage_grid_rows_changed()', t);
    EXECUTE format('CREATE TRIGGER coverage_%1$s_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION coverage_grid_rows_changed()', t);
  END LOOP;
END $$;

-- Everything else the report reads changes rarely and may change any part: '*'.
CREATE FUNCTION coverage_anything_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM coverage_touch(ARRAY['*']);
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['regions', 'grid_workers', 'service_points'] LOOP
    EXECUTE format('CREATE TRIGGER coverage_%1$s_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %1$I
                    FOR EACH STATEMENT EXECUTE FUNCTION coverage_anything_changed()', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['grids', 'households', 'household_service_access', 'incidents', 'patrol_visits', 'grid_assignments', 'party_groups'] LOOP
    EXECUTE format('CREATE TRIGGER coverage_%1$s_truncated AFTER TRUNCATE ON %1$I
                    FOR EACH STATEMENT EXECUTE FUNCTION coverage_anything_changed()', t);
  END LOOP;
END $$;
