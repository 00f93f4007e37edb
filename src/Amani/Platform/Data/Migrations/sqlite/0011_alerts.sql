-- Version 11: alert rules per mission, the alerts they raise (one open alert per rule and area, guarded by the unique
-- open_key), each alert's log (steps and response actions) and notifications, and each mission's deadlines per severity.

CREATE TABLE "alert_rules" (
    "id" TEXT NOT NULL CONSTRAINT "pk_alert_rules" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "area_id" TEXT NULL,
    "area_level" INTEGER NULL,
    "categories" TEXT NULL,
    "severity" TEXT NOT NULL,
    "is_public" INTEGER NOT NULL,
    "enabled" INTEGER NOT NULL,
    "threshold" INTEGER NULL,
    "window_days" INTEGER NULL,
    "factor" REAL NULL,
    "minimum_count" INTEGER NULL,
    "baseline_windows" INTEGER NULL,
    "forecast_outcome" TEXT NULL,
    "probability" REAL NULL,
    "default_owner_user_id" TEXT NULL,
    "owner_role" TEXT NOT NULL,
    "deadline_hours" INTEGER NULL,
    "created_by_user_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "archived_at" TEXT NULL,
    "version" INTEGER NOT NULL,
    "last_evaluated_at" TEXT NULL,
    "last_evaluation" TEXT NULL,
    CONSTRAINT "fk_alert_rules_admin_areas_area_id" FOREIGN KEY ("area_id") REFERENCES "admin_areas" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_alert_rules_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "alerts" (
    "id" TEXT NOT NULL CONSTRAINT "pk_alerts" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "rule_id" TEXT NOT NULL,
    "area_id" TEXT NULL,
    "open_key" TEXT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "is_public" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "headline" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "evidence_json" TEXT NOT NULL,
    "evidence_fingerprint" TEXT NOT NULL,
    "owner_user_id" TEXT NULL,
    "owner_role" TEXT NOT NULL,
    "escalation_level" INTEGER NOT NULL,
    "deadline_at" TEXT NOT NULL,
    "raised_at" TEXT NOT NULL,
    "refreshed_at" TEXT NOT NULL,
    "acknowledged_at" TEXT NULL,
    "closed_at" TEXT NULL,
    "outcome" TEXT NULL,
    "updated_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_alerts_admin_areas_area_id" FOREIGN KEY ("area_id") REFERENCES "admin_areas" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_alerts_alert_rules_rule_id" FOREIGN KEY ("rule_id") REFERENCES "alert_rules" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_alerts_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "alert_events" (
    "id" TEXT NOT NULL CONSTRAINT "pk_alert_events" PRIMARY KEY,
    "alert_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "from_status" TEXT NULL,
    "to_status" TEXT NULL,
    "actor" TEXT NOT NULL,
    "actor_user_id" TEXT NULL,
    "text" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    CONSTRAINT "fk_alert_events_alerts_alert_id" FOREIGN KEY ("alert_id") REFERENCES "alerts" ("id") ON DELETE CASCADE
);

CREATE TABLE "alert_notifications" (
    "id" TEXT NOT NULL CONSTRAINT "pk_alert_notifications" PRIMARY KEY,
    "alert_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_alert_notifications_alerts_alert_id" FOREIGN KEY ("alert_id") REFERENCES "alerts" ("id") ON DELETE CASCADE
);

CREATE TABLE "mission_alert_deadlines" (
    "mission_id" TEXT NOT NULL CONSTRAINT "pk_mission_alert_deadlines" PRIMARY KEY,
    "minor_hours" INTEGER NOT NULL,
    "moderate_hours" INTEGER NOT NULL,
    "severe_hours" INTEGER NOT NULL,
    "extreme_hours" INTEGER NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_mission_alert_deadlines_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_alert_rules_area_id" ON "alert_rules" ("area_id");

CREATE INDEX "ix_alert_rules_mission_id_archived_at" ON "alert_rules" ("mission_id", "archived_at");

CREATE INDEX "ix_alerts_area_id" ON "alerts" ("area_id");

CREATE INDEX "ix_alerts_mission_id_raised_at_id" ON "alerts" ("mission_id", "raised_at", "id");

CREATE UNIQUE INDEX "ix_alerts_open_key" ON "alerts" ("open_key");

CREATE INDEX "ix_alerts_rule_id" ON "alerts" ("rule_id");

CREATE INDEX "ix_alerts_status_deadline_at" ON "alerts" ("status", "deadline_at");

CREATE INDEX "ix_alert_events_alert_id_recorded_at" ON "alert_events" ("alert_id", "recorded_at");

CREATE INDEX "ix_alert_notifications_alert_id" ON "alert_notifications" ("alert_id");

CREATE INDEX "ix_alert_notifications_user_id_created_at" ON "alert_notifications" ("user_id", "created_at");
