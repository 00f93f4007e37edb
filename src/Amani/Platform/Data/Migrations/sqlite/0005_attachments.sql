-- Version 5: photos and other attachments of community reports and incidents (files in the blob store, by SHA-256).

CREATE TABLE "attachments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_attachments" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "report_id" TEXT NULL,
    "incident_id" TEXT NULL,
    "original_hash" TEXT NOT NULL,
    "stripped_hash" TEXT NOT NULL,
    "media_type" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "stripped_byte_size" INTEGER NOT NULL,
    "width" INTEGER NULL,
    "height" INTEGER NULL,
    "file_name" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by_user_id" TEXT NULL,
    CONSTRAINT "ck_attachments_one_owner" CHECK ((report_id IS NULL) <> (incident_id IS NULL)),
    CONSTRAINT "fk_attachments_community_reports_report_id" FOREIGN KEY ("report_id") REFERENCES "community_reports" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_attachments_incidents_incident_id" FOREIGN KEY ("incident_id") REFERENCES "incidents" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_attachments_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_attachments_incident_id" ON "attachments" ("incident_id");

CREATE INDEX "ix_attachments_mission_id" ON "attachments" ("mission_id");

CREATE INDEX "ix_attachments_original_hash" ON "attachments" ("original_hash");

CREATE INDEX "ix_attachments_report_id" ON "attachments" ("report_id");

CREATE INDEX "ix_attachments_stripped_hash" ON "attachments" ("stripped_hash");
