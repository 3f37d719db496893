-- Audit log of every write, kept by triggers so that no write path can forget it.
-- The actor is the app user the API put in the transaction-local setting wangge.actor
-- (server/plugins/audit-actor.ts); writes made outside the API record the database user.
-- A bulk loader (the demo seed) switches auditing off for its own transaction with
-- SELECT set_config('wangge.audit', 'off', true).
CREATE TABLE audit_log (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor      text NOT NULL,
  action     text NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'rehome')),
  table_name text NOT NULL,
  row_key    text,
  before     jsonb,
  after      jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_table_at_idx ON audit_log (table_name, at DESC);
CREATE INDEX audit_log_actor_at_idx ON audit_log (actor, at DESC);

CREATE FUNCTION audit_actor() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('wangge.actor', true), ''), current_user::text)
$$;

CREATE FUNCTION audit_enabled() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('wangge.audit', true), '') <> 'off'
$$;

-- Secrets never reach the log: their values are replaced, so a change still shows.
CREATE FUNCTION audit_masked(row_data jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN row_data IS NULL THEN NULL ELSE
    row_data
      || CASE WHEN row_data ? 'password_hash' THEN jsonb_build_object('password_hash', '***') ELSE '{}'::jsonb END
      || CASE WHEN row_data ? 'token_hash' THEN jsonb_build_object('token_hash', '***') ELSE '{}'::jsonb END
      || CASE WHEN row_data ? 'api_key_hash' THEN jsonb_build_object('api_key_hash', '***') ELSE '{}'::jsonb END
  END
$$;

-- One row per written row. TG_ARGV[0]: the key columns, comma-separated; TG_ARGV[1..]: columns
-- whose change alone is not worth a row (bookkeeping such as last_used_at, or the grid_id of
-- households and incidents, which audit_rehome summarises per statement).
CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_data jsonb;
  new_data jsonb;
  keyed jsonb;
  ignored text[] := coalesce(TG_ARGV[1:], '{}');
BEGIN
  IF NOT audit_enabled() THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN old_data := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN new_data := to_jsonb(NEW); END IF;
  IF TG_OP = 'UPDATE' AND (old_data - ignored) = (new_data - ignored) THEN RETURN NULL; END IF;
  keyed := coalesce(new_data, old_data);
  INSERT INTO audit_log (actor, action, table_name, row_key, before, after)
  VALUES (
    audit_actor(), lower(TG_OP), TG_TABLE_NAME,
    (SELECT string_agg(keyed ->> trim(k), ',') FROM unnest(string_to_array(TG_ARGV[0], ',')) AS k),
    audit_masked(old_data), audit_masked(new_data)
  );
  RETURN NULL;
END
$$;

-- A grid edit re-homes its households and incidents (grid_id only): one summary row per statement,
-- so that a save moving thousands of them stays one insert.
CREATE FUNCTION audit_rehome() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved jsonb;
  n integer;
BEGIN
  IF NOT audit_enabled() THEN RETURN NULL; END IF;
  SELECT count(*)::int,
         jsonb_agg(jsonb_build_object('from', f, 'to', t, 'count', c) ORDER BY f NULLS FIRST, t NULLS FIRST)
    INTO n, moved
    FROM (SELECT o.grid_id AS f, w.grid_id AS t, count(*)::int AS c
            FROM old_rows o JOIN new_rows w ON w.id = o.id
           WHERE o.grid_id IS DISTINCT FROM w.grid_id
           GROUP BY 1, 2) moves;
  IF moved IS NULL THEN RETURN NULL; END IF;
  INSERT INTO audit_log (actor, action, table_name, row_key, before, after)
  VALUES (audit_actor(), 'rehome', TG_TABLE_NAME, NULL, NULL,
          jsonb_build_object('rows', (SELECT sum((m ->> 'count')::int) FROM jsonb_array_elements(moved) m), 'moves', moved));
  RETURN NULL;
END
$$;

-- Attaches audit_row to a table. With ignored columns, updates are filtered in the trigger's WHEN
-- clause, comparing every other column as it stands now: a re-homing UPDATE of thousands of rows
-- then never enters PL/pgSQL (to_jsonb of each row was most of a grid save). A migration adding a
-- column to such a table calls audit_attach again (tests/integration/audit.test.ts checks this).
CREATE FUNCTION audit_attach(tbl regclass, key_columns text, ignored text[] DEFAULT '{}') RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  name text := 'audit_' || (SELECT relname FROM pg_class WHERE oid = tbl);
  args text := array_to_string(array_prepend(quote_literal(key_columns), ARRAY(SELECT quote_literal(c) FROM unnest(ignored) c)), ', ');
  old_list text;
  new_list text;
BEGIN
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', name, tbl);
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', name || '_update', tbl);
  IF cardinality(ignored) = 0 THEN
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION audit_row(%s)', name, tbl, args);
    RETURN;
  END IF;
  SELECT string_agg(format('OLD.%I', attname), ', ' ORDER BY attnum), string_agg(format('NEW.%I', attname), ', ' ORDER BY attnum)
    INTO old_list, new_list
    FROM pg_attribute WHERE attrelid = tbl AND attnum > 0 AND NOT attisdropped AND NOT (attname = ANY(ignored));
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION audit_row(%s)', name, tbl, args);
  EXECUTE format(
    'CREATE TRIGGER %I AFTER UPDATE ON %s FOR EACH ROW WHEN (ROW(%s) IS DISTINCT FROM ROW(%s)) EXECUTE FUNCTION audit_row(%s)',
    name || '_update', tbl, old_list, new_list, args);
END
$$;

SELECT audit_attach('regions', 'code');
SELECT audit_attach('grids', 'id');
SELECT audit_attach('grid_workers', 'id');
SELECT audit_attach('grid_assignments', 'worker_id,grid_id');
SELECT audit_attach('party_groups', 'id');
SELECT audit_attach('households', 'id', '{grid_id}');
SELECT audit_attach('service_points', 'id');
SELECT audit_attach('incidents', 'id', '{grid_id}');
SELECT audit_attach('users', 'id');
SELECT audit_attach('user_regions', 'user_id,region_code');
SELECT audit_attach('display_tokens', 'id', '{last_used_at}');
SELECT audit_attach('open311_clients', 'id');

CREATE TRIGGER audit_households_rehome AFTER UPDATE ON households REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_rehome();
CREATE TRIGGER audit_incidents_rehome AFTER UPDATE ON incidents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_rehome();
