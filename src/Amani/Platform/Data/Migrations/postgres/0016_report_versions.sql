-- Version 16: community reports carry an integer version, like incidents and alerts: every change moves it forward, and
-- the triage API answers it as the ETag that changes must send back in If-Match (it replaces comparing updated_at).
-- Existing reports start at 1, as new ones do. The default only fills the existing rows: it is dropped again, so that a
-- writer that forgets the column (the intake's COPY lists its columns) fails instead of writing a wrong version.

ALTER TABLE community_reports ADD COLUMN version integer NOT NULL DEFAULT 1;

ALTER TABLE community_reports ALTER COLUMN version DROP DEFAULT;
