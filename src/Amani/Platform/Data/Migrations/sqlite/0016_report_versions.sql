-- Version 16: community reports carry an integer version, like incidents and alerts: every change moves it forward, and
-- the triage API answers it as the ETag that changes must send back in If-Match (it replaces comparing updated_at).
-- Existing reports start at 1, as new ones do (SQLite adds a NOT NULL column only with a default; EF Core always writes it).

ALTER TABLE "community_reports" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
