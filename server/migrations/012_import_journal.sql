-- What a running import has committed so far, where it commits in chunks: on the embedded engine
-- one transaction holds the only session and every read waits for it, so a large import writes
-- chunk by chunk (server/services/import/all-or-nothing.ts). Each chunk's transaction records the
-- ids it wrote here; the last chunk's transaction removes the import's rows, so an import is
-- complete exactly when its journal is empty. A failure undoes the recorded chunks; a crash leaves
-- them here, and the next start-up undoes them. On PostgreSQL an import is one transaction and
-- never writes here.
CREATE TABLE import_journal (
  id         bigserial PRIMARY KEY,
  import_id  text NOT NULL,
  kind       text NOT NULL,
  ids        text[] NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_journal_import_idx ON import_journal (import_id);
