-- Version 20: a community report's history (its moves during triage and its assignments) in the record toolkit's one
-- history shape, as incidents', alerts' and follow-ups' are.

CREATE TABLE "report_status_changes" (
    "id" TEXT NOT NULL CONSTRAINT "pk_report_status_changes" PRIMARY KEY,
    "report_id" TEXT NOT NULL,
    "from_status" TEXT NULL,
    "to_status" TEXT NULL,
    "actor" TEXT NOT NULL,
    "actor_user_id" TEXT NULL,
    "text" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    CONSTRAINT "fk_report_status_changes_community_reports_report_id" FOREIGN KEY ("report_id") REFERENCES "community_reports" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_report_status_changes_report_id_at" ON "report_status_changes" ("report_id", "at");
