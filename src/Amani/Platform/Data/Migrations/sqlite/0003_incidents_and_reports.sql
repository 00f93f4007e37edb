-- Version 3: incidents (actors, access grants, status history) and community reports with their messages.

CREATE TABLE "incidents" (
    "id" TEXT NOT NULL CONSTRAINT "pk_incidents" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "category_code" TEXT NOT NULL,
    "occurred_from" TEXT NOT NULL,
    "occurred_until" TEXT NOT NULL,
    "occurred_precision" TEXT NOT NULL,
    "reported_at" TEXT NOT NULL,
    "latitude" REAL NULL,
    "longitude" REAL NULL,
    "location_precision" TEXT NULL,
    "place_name" TEXT NULL,
    "area_id" TEXT NULL,
    "prio_grid_cell" INTEGER NULL,
    "fatalities_low" INTEGER NULL,
    "fatalities_best" INTEGER NULL,
    "fatalities_high" INTEGER NULL,
    "civilian_fatalities" INTEGER NULL,
    "injured" INTEGER NULL,
    "abducted" INTEGER NULL,
    "displaced" INTEGER NULL,
    "description" TEXT NOT NULL,
    "description_public" INTEGER NOT NULL,
    "confidentiality" TEXT NOT NULL,
    "confidence" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "assigned_to_user_id" TEXT NULL,
    "duplicate_of_id" TEXT NULL,
    "recorded_by_user_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_incidents_admin_areas_area_id" FOREIGN KEY ("area_id") REFERENCES "admin_areas" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_incidents_incidents_duplicate_of_id" FOREIGN KEY ("duplicate_of_id") REFERENCES "incidents" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_incidents_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "community_reports" (
    "id" TEXT NOT NULL CONSTRAINT "pk_community_reports" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "tracking_code" TEXT NOT NULL,
    "idempotency_key_hash" TEXT NULL,
    "request_fingerprint" TEXT NULL,
    "channel" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "latitude" REAL NULL,
    "longitude" REAL NULL,
    "place_name" TEXT NULL,
    "area_id" TEXT NULL,
    "occurred_at" TEXT NULL,
    "language" TEXT NULL,
    "contact_protected" TEXT NULL,
    "consent_to_contact" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "incident_id" TEXT NULL,
    "assigned_to_user_id" TEXT NULL,
    "received_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_community_reports_incidents_incident_id" FOREIGN KEY ("incident_id") REFERENCES "incidents" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_community_reports_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "incident_actors" (
    "id" TEXT NOT NULL CONSTRAINT "pk_incident_actors" PRIMARY KEY,
    "incident_id" TEXT NOT NULL,
    "side" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NULL,
    CONSTRAINT "fk_incident_actors_incidents_incident_id" FOREIGN KEY ("incident_id") REFERENCES "incidents" ("id") ON DELETE CASCADE
);

CREATE TABLE "incident_grants" (
    "id" TEXT NOT NULL CONSTRAINT "pk_incident_grants" PRIMARY KEY,
    "incident_id" TEXT NOT NULL,
    "organization_id" TEXT NULL,
    "role" TEXT NULL,
    CONSTRAINT "fk_incident_grants_incidents_incident_id" FOREIGN KEY ("incident_id") REFERENCES "incidents" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_incident_grants_organizations_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE RESTRICT
);

CREATE TABLE "incident_status_changes" (
    "id" TEXT NOT NULL CONSTRAINT "pk_incident_status_changes" PRIMARY KEY,
    "incident_id" TEXT NOT NULL,
    "from" TEXT NULL,
    "to" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    CONSTRAINT "fk_incident_status_changes_incidents_incident_id" FOREIGN KEY ("incident_id") REFERENCES "incidents" ("id") ON DELETE CASCADE
);

CREATE TABLE "report_messages" (
    "id" TEXT NOT NULL CONSTRAINT "pk_report_messages" PRIMARY KEY,
    "report_id" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "author_user_id" TEXT NULL,
    "at" TEXT NOT NULL,
    CONSTRAINT "fk_report_messages_community_reports_report_id" FOREIGN KEY ("report_id") REFERENCES "community_reports" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_community_reports_idempotency_key_hash" ON "community_reports" ("idempotency_key_hash");

CREATE INDEX "ix_community_reports_incident_id" ON "community_reports" ("incident_id");

CREATE INDEX "ix_community_reports_mission_id_status_received_at" ON "community_reports" ("mission_id", "status", "received_at");

CREATE UNIQUE INDEX "ix_community_reports_tracking_code" ON "community_reports" ("tracking_code");

CREATE INDEX "ix_incident_actors_incident_id" ON "incident_actors" ("incident_id");

CREATE INDEX "ix_incident_grants_incident_id" ON "incident_grants" ("incident_id");

CREATE INDEX "ix_incident_grants_organization_id" ON "incident_grants" ("organization_id");

CREATE INDEX "ix_incident_status_changes_incident_id_at" ON "incident_status_changes" ("incident_id", "at");

CREATE INDEX "ix_incidents_area_id" ON "incidents" ("area_id");

CREATE INDEX "ix_incidents_duplicate_of_id" ON "incidents" ("duplicate_of_id");

CREATE INDEX "ix_incidents_mission_id_latitude_longitude" ON "incidents" ("mission_id", "latitude", "longitude");

CREATE INDEX "ix_incidents_mission_id_occurred_from_id" ON "incidents" ("mission_id", "occurred_from", "id");

CREATE INDEX "ix_incidents_mission_id_status" ON "incidents" ("mission_id", "status");

CREATE INDEX "ix_incidents_prio_grid_cell" ON "incidents" ("prio_grid_cell");

CREATE INDEX "ix_report_messages_report_id_at" ON "report_messages" ("report_id", "at");
