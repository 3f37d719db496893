-- Read-only tokens for unattended wall displays (/wall?token=…). Only a SHA-256 of each token is
-- stored; the token itself is shown once, when issued. Revoking keeps the row for the audit trail.
-- created_by cascades so that emptying users (tests) empties this table too.
CREATE TABLE display_tokens (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  created_by   bigint REFERENCES users (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
