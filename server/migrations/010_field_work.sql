-- Field work (docs/field-work.md): residents report, grid workers handle tasks and patrol, the
-- command centre dispatches to a named worker.

-- Two new roles. A `worker` account is one grid worker's: it sees and acts on that worker's grids.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users
  ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'supervisor', 'analyst', 'display', 'worker', 'dispatcher')),
  ADD COLUMN worker_id bigint REFERENCES grid_workers (id) ON DELETE CASCADE,
  ADD CONSTRAINT users_worker_bound CHECK ((role = 'worker') = (worker_id IS NOT NULL));

-- The grid worker a task is dispatched to, and when they took it (签收).
ALTER TABLE incidents
  ADD COLUMN assignee_id bigint REFERENCES grid_workers (id) ON DELETE SET NULL,
  ADD COLUMN acknowledged_at timestamptz;
CREATE INDEX incidents_assignee_idx ON incidents (assignee_id, status) WHERE assignee_id IS NOT NULL;
-- The audit trigger compares every column but the ignored ones: attach it again for the new columns.
SELECT audit_attach('incidents', 'id', '{grid_id}');

ALTER TABLE incident_events DROP CONSTRAINT incident_events_event_check;
ALTER TABLE incident_events
  ADD CONSTRAINT incident_events_event_check CHECK (event IN (
    'report', 'accept', 'reject', 'dispatch', 'acknowledge', 'handle', 'verify', 'close', 'return', 'escalate', 'extend',
    'handover', 'alert', 'rate'));

-- A resident's report: personal data kept beside the incident, never in it, so that exports, tiles,
-- OGC and Open311 reads cannot carry it by accident. Only a SHA-256 of the tracking code is kept:
-- the code is the resident's key to their report.
CREATE TABLE citizen_reports (
  incident_id        bigint PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,
  county_code        text NOT NULL,
  tracking_code_hash text NOT NULL UNIQUE,
  phone              text,
  rating             text CHECK (rating IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  rating_comment     text,
  rated_at           timestamptz,
  CHECK ((rating IS NULL) = (rated_at IS NULL))
);
CREATE INDEX citizen_reports_rated_idx ON citizen_reports (county_code, rated_at) WHERE rated_at IS NOT NULL;
SELECT audit_attach('citizen_reports', 'incident_id');

-- Photos live in the database so that every API instance serves them and a backup holds them.
-- Not audited row by row (megabytes of bytes); the timeline records how many came with each step.
CREATE TABLE incident_photos (
  id          bigserial PRIMARY KEY,
  incident_id bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  county_code text NOT NULL,
  stage       text NOT NULL CHECK (stage IN ('report', 'handle')),
  image       bytea NOT NULL,
  thumbnail   bytea NOT NULL,
  width       integer NOT NULL,
  height      integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_photos_incident_idx ON incident_photos (incident_id);

-- A patrol's track; each grid it passed through gets a patrol visit (the "not patrolled" blind spot).
CREATE TABLE patrols (
  id          bigserial PRIMARY KEY,
  county_code text NOT NULL,
  worker_id   bigint NOT NULL REFERENCES grid_workers (id) ON DELETE CASCADE,
  started_at  timestamptz NOT NULL,
  ended_at    timestamptz NOT NULL CHECK (ended_at >= started_at),
  track       geometry(LineString, 4326) NOT NULL,
  length_m    double precision NOT NULL
);
CREATE INDEX patrols_worker_idx ON patrols (worker_id, started_at);
SELECT audit_attach('patrols', 'id');

-- A household visit (走访) is a patrol visit at a household, with what was found.
ALTER TABLE patrol_visits
  ADD COLUMN patrol_id bigint REFERENCES patrols (id) ON DELETE CASCADE,
  ADD COLUMN note text;

-- Writes sent twice (a phone's offline queue, a retry after a lost answer) are carried out once:
-- the first answer is kept under the caller's key and replayed.
CREATE TABLE idempotency_keys (
  principal    text NOT NULL,
  key          text NOT NULL,
  method       text NOT NULL,
  url          text NOT NULL,
  status_code  integer,
  response     text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
