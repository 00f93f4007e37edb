-- Version 17: follow-ups — something owed by a date, attached to a record of any module — with their history and evidence.

CREATE TABLE "follow_ups" (
    "id" TEXT NOT NULL CONSTRAINT "pk_follow_ups" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "record_type" TEXT NULL,
    "record_id" TEXT NULL,
    "area_id" TEXT NULL,
    "title" TEXT NOT NULL,
    "details" TEXT NULL,
    "owner_kind" TEXT NOT NULL,
    "owner_user_id" TEXT NULL,
    "owner_role" TEXT NULL,
    "owner_external" TEXT NULL,
    "due_at" TEXT NOT NULL,
    "remind_before_hours" INTEGER NOT NULL,
    "remind_at" TEXT NULL,
    "reminded_at" TEXT NULL,
    "next_escalation_at" TEXT NULL,
    "escalation_level" INTEGER NOT NULL,
    "escalated_at" TEXT NULL,
    "escalate_to_role" TEXT NULL,
    "status" TEXT NOT NULL,
    "progress" INTEGER NOT NULL,
    "managed" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_by_user_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "closed_at" TEXT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "follow_up_events" (
    "id" TEXT NOT NULL CONSTRAINT "pk_follow_up_events" PRIMARY KEY,
    "follow_up_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "from_status" TEXT NULL,
    "to_status" TEXT NULL,
    "actor" TEXT NOT NULL,
    "actor_user_id" TEXT NULL,
    "text" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    CONSTRAINT "fk_follow_up_events_follow_ups_follow_up_id" FOREIGN KEY ("follow_up_id") REFERENCES "follow_ups" ("id") ON DELETE CASCADE
);

CREATE TABLE "follow_up_evidence" (
    "id" TEXT NOT NULL CONSTRAINT "pk_follow_up_evidence" PRIMARY KEY,
    "follow_up_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT NULL,
    "record_type" TEXT NULL,
    "record_id" TEXT NULL,
    "file_name" TEXT NULL,
    "content_type" TEXT NULL,
    "content" BLOB NULL,
    "size_bytes" INTEGER NULL,
    "added_by" TEXT NOT NULL,
    "added_by_user_id" TEXT NULL,
    "added_at" TEXT NOT NULL,
    CONSTRAINT "fk_follow_up_evidence_follow_ups_follow_up_id" FOREIGN KEY ("follow_up_id") REFERENCES "follow_ups" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_follow_ups_mission_id_due_at_id" ON "follow_ups" ("mission_id", "due_at", "id");

CREATE INDEX "ix_follow_ups_owner_user_id_status" ON "follow_ups" ("owner_user_id", "status");

CREATE INDEX "ix_follow_ups_record_id_module" ON "follow_ups" ("record_id", "module");

CREATE INDEX "ix_follow_ups_status_remind_at" ON "follow_ups" ("status", "remind_at");

CREATE INDEX "ix_follow_ups_status_next_escalation_at" ON "follow_ups" ("status", "next_escalation_at");

CREATE INDEX "ix_follow_up_events_follow_up_id_at" ON "follow_up_events" ("follow_up_id", "at");

CREATE INDEX "ix_follow_up_evidence_follow_up_id_added_at" ON "follow_up_evidence" ("follow_up_id", "added_at");

-- Alerts' responses are follow-ups (module "alerts"): every alert still open gets its follow-up, with the alert's id.
INSERT INTO "follow_ups" ("id", "mission_id", "module", "record_type", "record_id", "area_id", "title", "details", "owner_kind", "owner_user_id",
    "owner_role", "owner_external", "due_at", "remind_before_hours", "remind_at", "reminded_at", "next_escalation_at", "escalation_level",
    "escalated_at", "escalate_to_role", "status", "progress", "managed", "created_by", "created_by_user_id", "created_at", "updated_at",
    "closed_at", "version")
SELECT "id", "mission_id", 'alerts', 'alert', "id", "area_id", substr("headline", 1, 300), NULL,
    CASE WHEN "owner_user_id" IS NULL THEN 'Role' ELSE 'User' END, "owner_user_id", "owner_role", NULL, "deadline_at", 0, NULL, NULL,
    CASE WHEN "owner_role" IN ('Administrator', 'Partner') THEN NULL ELSE "deadline_at" END, "escalation_level", NULL, NULL,
    CASE WHEN "status" = 'Open' THEN 'Open' ELSE 'InProgress' END, 0, 1, 'system', NULL, "raised_at", "updated_at", NULL, 1
FROM "alerts" WHERE "status" IN ('Open', 'Acknowledged', 'Responding');
