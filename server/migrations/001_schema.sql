-- Wangge core schema. WGS84 (EPSG:4326) everywhere; CGCS2000 is treated as equal.
-- Every large table carries county_code so it can later be distributed by county (Citus).
CREATE EXTENSION IF NOT EXISTS postgis;

-- County (6 digits, GB/T 2260) → street/town (+3) → community/village (+3).
CREATE TABLE regions (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('county', 'street', 'community')),
  parent_code text REFERENCES regions (code),
  county_code text NOT NULL,
  boundary    geometry(MultiPolygon, 4326) CHECK (boundary IS NULL OR ST_IsValid(boundary)),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (
    (level = 'county' AND code ~ '^[0-9]{6}$' AND parent_code IS NULL) OR
    (level = 'street' AND code ~ '^[0-9]{9}$' AND parent_code = left(code, 6)) OR
    (level = 'community' AND code ~ '^[0-9]{12}$' AND parent_code = left(code, 9))
  ),
  CHECK (county_code = left(code, 6))
);
CREATE INDEX regions_parent_idx ON regions (parent_code);
CREATE INDEX regions_boundary_idx ON regions USING gist (boundary);

CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'supervisor', 'analyst', 'display')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  disabled_at   timestamptz
);

-- The regions a supervisor may edit.
CREATE TABLE user_regions (
  user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  region_code text NOT NULL REFERENCES regions (code),
  PRIMARY KEY (user_id, region_code)
);

-- Only a SHA-256 of the session token is stored, so a leaked table grants nothing.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Grid code = community code (12) + 3-digit sequence, numbered west→east, north→south.
-- Codes are never reused: a deleted grid keeps its row (deleted_at) and its code.
CREATE TABLE grids (
  id             bigserial PRIMARY KEY,
  code           text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{15}$'),
  name           text NOT NULL,
  type           text NOT NULL CHECK (type IN ('comprehensive', 'dedicated')),
  community_code text NOT NULL REFERENCES regions (code),
  county_code    text NOT NULL,
  geom           geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  updated_by     bigint REFERENCES users (id),
  deleted_at     timestamptz,
  CHECK (left(code, 12) = community_code),
  CHECK (county_code = left(code, 6))
);
CREATE INDEX grids_geom_idx ON grids USING gist (geom);
CREATE INDEX grids_community_idx ON grids (community_code) WHERE deleted_at IS NULL;

-- Every geometry change of a grid, with who, when and why.
CREATE TABLE grid_history (
  id             bigserial PRIMARY KEY,
  grid_id        bigint NOT NULL REFERENCES grids (id),
  county_code    text NOT NULL,
  version        integer NOT NULL,
  operation      text NOT NULL CHECK (operation IN ('create', 'import', 'update', 'split', 'merge', 'delete', 'revert')),
  geom_before    geometry(MultiPolygon, 4326),
  geom_after     geometry(MultiPolygon, 4326),
  related_grid_ids bigint[] NOT NULL DEFAULT '{}',
  reason         text,
  changed_by     bigint REFERENCES users (id),
  changed_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX grid_history_grid_idx ON grid_history (grid_id, version);

CREATE TABLE grid_workers (
  id              bigserial PRIMARY KEY,
  county_code     text NOT NULL,
  name            text NOT NULL,
  phone           text,
  role            text NOT NULL CHECK (role IN ('full_time', 'part_time', 'grid_leader')),
  is_party_member boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE grid_assignments (
  worker_id   bigint NOT NULL REFERENCES grid_workers (id) ON DELETE CASCADE,
  grid_id     bigint NOT NULL REFERENCES grids (id),
  county_code text NOT NULL,
  assigned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (worker_id, grid_id)
);
CREATE INDEX grid_assignments_grid_idx ON grid_assignments (grid_id);

-- 党小组 attached to a grid (党建引领).
CREATE TABLE party_groups (
  id           bigserial PRIMARY KEY,
  grid_id      bigint NOT NULL REFERENCES grids (id),
  county_code  text NOT NULL,
  name         text NOT NULL,
  member_count integer NOT NULL DEFAULT 0 CHECK (member_count >= 0)
);
CREATE INDEX party_groups_grid_idx ON party_groups (grid_id);

CREATE TABLE households (
  id            bigserial PRIMARY KEY,
  county_code   text NOT NULL,
  external_id   text NOT NULL,
  address       text NOT NULL,
  population    integer NOT NULL CHECK (population >= 0),
  elderly_alone boolean NOT NULL DEFAULT false,
  disabled      boolean NOT NULL DEFAULT false,
  low_income    boolean NOT NULL DEFAULT false,
  key_care      boolean NOT NULL DEFAULT false,
  geom          geometry(Point, 4326) NOT NULL,
  -- Denormalised home grid (kept by the write paths); coverage truth is recomputed from geometry.
  grid_id       bigint REFERENCES grids (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (county_code, external_id)
);
CREATE INDEX households_geom_idx ON households USING gist (geom);
CREATE INDEX households_grid_idx ON households (grid_id);

CREATE TABLE service_points (
  id          bigserial PRIMARY KEY,
  county_code text NOT NULL,
  name        text NOT NULL,
  category    text NOT NULL CHECK (category IN ('safety', 'volunteer', 'education', 'convenience', 'culture', 'health', 'elderly_care', 'emergency')),
  geom        geometry(Point, 4326) NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_points_geom_idx ON service_points USING gist (geom);

-- 数字城管 lifecycle: reported → accepted (or rejected) → dispatched (deadline starts) →
-- handled → verified → closed; returned/escalated are events.
CREATE TABLE incidents (
  id            bigserial PRIMARY KEY,
  county_code   text NOT NULL,
  external_id   text,
  category      text NOT NULL CHECK (category IN ('environment', 'facility', 'safety_hazard', 'dispute', 'traffic', 'illegal_construction', 'public_service', 'emergency')),
  source        text NOT NULL CHECK (source IN ('patrol', 'resident', 'hotline', 'video', 'higher_level')),
  priority      text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status        text NOT NULL CHECK (status IN ('reported', 'accepted', 'rejected', 'dispatched', 'handled', 'verified', 'closed')),
  description   text NOT NULL DEFAULT '',
  geom          geometry(Point, 4326) NOT NULL,
  grid_id       bigint REFERENCES grids (id),
  reported_at   timestamptz NOT NULL,
  accepted_at   timestamptz,
  dispatched_at timestamptz,
  deadline_at   timestamptz,
  handled_at    timestamptz,
  verified_at   timestamptz,
  closed_at     timestamptz,
  rejected_at   timestamptz,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (county_code, external_id)
);
CREATE INDEX incidents_geom_idx ON incidents USING gist (geom);
CREATE INDEX incidents_reported_idx ON incidents (county_code, reported_at);
CREATE INDEX incidents_grid_idx ON incidents (grid_id);

CREATE TABLE incident_events (
  id          bigserial PRIMARY KEY,
  incident_id bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  county_code text NOT NULL,
  event       text NOT NULL CHECK (event IN ('report', 'accept', 'reject', 'dispatch', 'handle', 'verify', 'close', 'return', 'escalate', 'extend')),
  actor       text,
  note        text,
  at          timestamptz NOT NULL
);
CREATE INDEX incident_events_incident_idx ON incident_events (incident_id, at);

CREATE TABLE patrol_visits (
  id           bigserial PRIMARY KEY,
  county_code  text NOT NULL,
  worker_id    bigint NOT NULL REFERENCES grid_workers (id) ON DELETE CASCADE,
  grid_id      bigint REFERENCES grids (id),
  household_id bigint REFERENCES households (id) ON DELETE SET NULL,
  geom         geometry(Point, 4326) NOT NULL,
  visited_at   timestamptz NOT NULL
);
CREATE INDEX patrol_visits_grid_idx ON patrol_visits (grid_id, visited_at);
