-- What an Open311 client sends about the resident besides the problem (GeoReport v2 POST):
-- first_name, last_name, email, the address they typed or its id, and a media_url. Personal data,
-- kept beside the incident with the phone (citizen_reports), never in it, so that exports, tiles,
-- OGC and the public Open311 view cannot carry it by accident (docs/security.md, Open311).
ALTER TABLE citizen_reports
  ADD COLUMN first_name text CHECK (char_length(first_name) <= 100),
  ADD COLUMN last_name  text CHECK (char_length(last_name) <= 100),
  ADD COLUMN email      text CHECK (char_length(email) <= 254),
  ADD COLUMN address    text CHECK (char_length(address) <= 500),
  ADD COLUMN address_id text CHECK (char_length(address_id) <= 200),
  ADD COLUMN media_url  text CHECK (char_length(media_url) <= 2000);
-- The audit trigger compares every column but the ignored ones: attach it again for the new columns.
SELECT audit_attach('citizen_reports', 'incident_id');
