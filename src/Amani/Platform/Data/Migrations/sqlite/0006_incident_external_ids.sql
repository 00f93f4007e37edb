-- Version 6: imported incidents remember their dataset and id there (UCDP GED `id`, ACLED `event_id_cnty`), so that a
-- re-import updates them instead of duplicating them; the hash of the imported content recognises unchanged rows.

ALTER TABLE "incidents" ADD COLUMN "external_source" TEXT NULL;

ALTER TABLE "incidents" ADD COLUMN "external_id" TEXT NULL;

ALTER TABLE "incidents" ADD COLUMN "external_hash" TEXT NULL;

CREATE UNIQUE INDEX "ix_incidents_mission_id_external_source_external_id" ON "incidents" ("mission_id", "external_source", "external_id");
