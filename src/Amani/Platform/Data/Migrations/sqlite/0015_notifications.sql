-- Version 15: notifications for users — the in-app list (notifications), each user's delivery preferences, the e-mail
-- outbox — and the SMS outbox opened to users: a row goes to a report's reporter (report_id, report_message_id) or to
-- a user's notification phone (user_id). SQLite cannot drop NOT NULL, so sms_outbox is rebuilt with its rows.

CREATE TABLE "notifications" (
    "id" TEXT NOT NULL CONSTRAINT "pk_notifications" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT NULL,
    "language" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "read_at" TEXT NULL,
    "email_digest_at" TEXT NULL,
    "sms_digest_at" TEXT NULL,
    CONSTRAINT "fk_notifications_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "notification_preferences" (
    "user_id" TEXT NOT NULL CONSTRAINT "pk_notification_preferences" PRIMARY KEY,
    "email" TEXT NOT NULL,
    "sms" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "phone_protected" TEXT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_notification_preferences_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "email_outbox" (
    "id" TEXT NOT NULL CONSTRAINT "pk_email_outbox" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "notification_id" TEXT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" TEXT NOT NULL,
    "locked_until" TEXT NULL,
    "last_error" TEXT NULL,
    "message_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "sent_at" TEXT NULL,
    CONSTRAINT "fk_email_outbox_notifications_notification_id" FOREIGN KEY ("notification_id") REFERENCES "notifications" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_email_outbox_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_notifications_email_digest_at" ON "notifications" ("email_digest_at");

CREATE INDEX "ix_notifications_sms_digest_at" ON "notifications" ("sms_digest_at");

CREATE INDEX "ix_notifications_user_id_created_at" ON "notifications" ("user_id", "created_at");

CREATE INDEX "ix_notifications_user_id_read_at" ON "notifications" ("user_id", "read_at");

CREATE INDEX "ix_email_outbox_notification_id" ON "email_outbox" ("notification_id");

CREATE INDEX "ix_email_outbox_status_next_attempt_at" ON "email_outbox" ("status", "next_attempt_at");

CREATE INDEX "ix_email_outbox_user_id" ON "email_outbox" ("user_id");

ALTER TABLE "sms_outbox" RENAME TO "sms_outbox_0014";

CREATE TABLE "sms_outbox" (
    "id" TEXT NOT NULL CONSTRAINT "pk_sms_outbox" PRIMARY KEY,
    "report_id" TEXT NULL,
    "report_message_id" TEXT NULL,
    "user_id" TEXT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" TEXT NOT NULL,
    "locked_until" TEXT NULL,
    "last_error" TEXT NULL,
    "gateway_message_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "sent_at" TEXT NULL,
    CONSTRAINT "fk_sms_outbox_community_reports_report_id" FOREIGN KEY ("report_id") REFERENCES "community_reports" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_sms_outbox_report_messages_report_message_id" FOREIGN KEY ("report_message_id") REFERENCES "report_messages" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_sms_outbox_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

INSERT INTO "sms_outbox" ("id", "report_id", "report_message_id", "user_id", "body", "status", "attempts", "next_attempt_at", "locked_until",
    "last_error", "gateway_message_id", "created_at", "sent_at")
SELECT "id", "report_id", "report_message_id", NULL, "body", "status", "attempts", "next_attempt_at", "locked_until",
    "last_error", "gateway_message_id", "created_at", "sent_at"
FROM "sms_outbox_0014";

DROP TABLE "sms_outbox_0014";

CREATE INDEX "ix_sms_outbox_report_id" ON "sms_outbox" ("report_id");

CREATE INDEX "ix_sms_outbox_report_message_id" ON "sms_outbox" ("report_message_id");

CREATE INDEX "ix_sms_outbox_status_next_attempt_at" ON "sms_outbox" ("status", "next_attempt_at");

CREATE INDEX "ix_sms_outbox_user_id" ON "sms_outbox" ("user_id");
