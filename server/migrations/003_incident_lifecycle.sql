-- Incident lifecycle beyond the six stages: the escalation ladder, dispute hand-overs between
-- mediation bodies (多调对接), linked-response alerts, and Open311 client apps with their api keys.
ALTER TABLE incidents
  ADD COLUMN escalation_level text NOT NULL DEFAULT 'grid'
    CHECK (escalation_level IN ('grid', 'community', 'street', 'department')),
  ADD COLUMN mediation_body text
    CHECK (mediation_body IS NULL OR mediation_body IN ('people', 'administrative', 'judicial'));

ALTER TABLE incident_events DROP CONSTRAINT incident_events_event_check;
ALTER TABLE incident_events
  ADD CONSTRAINT incident_events_event_check CHECK (event IN (
    'report', 'accept', 'reject', 'dispatch', 'handle', 'verify', 'close', 'return', 'escalate', 'extend',
    'handover', 'alert')),
  -- Structured facts of an event (alerted grids and workers, hand-over from/to) beside the free note.
  ADD COLUMN details jsonb;

-- Analysts filter by time first; this keeps time-sliced scans off the whole table.
CREATE INDEX incidents_reported_at_idx ON incidents (reported_at);

-- Only a SHA-256 of each api key is stored; the key itself is shown once, when issued.
-- created_by cascades so that emptying users (tests) empties this table too.
CREATE TABLE open311_clients (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL,
  api_key_hash text NOT NULL UNIQUE,
  created_by   bigint REFERENCES users (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz
);
