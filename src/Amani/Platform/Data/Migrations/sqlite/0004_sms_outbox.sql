-- Version 4: the SMS channel — replies waiting to be sent to SMS reporters (outbox), and gateway message ids already handled.

CREATE TABLE "sms_inbound_messages" (
    "id" TEXT NOT NULL CONSTRAINT "pk_sms_inbound_messages" PRIMARY KEY,
    "message_key_hash" TEXT NOT NULL,
    "report_id" TEXT NULL,
    "received_at" TEXT NOT NULL,
    CONSTRAINT "fk_sms_inbound_messages_community_reports_report_id" FOREIGN KEY ("report_id") REFERENCES "community_reports" ("id") ON DELETE CASCADE
);

CREATE TABLE "sms_outbox" (
    "id" TEXT NOT NULL CONSTRAINT "pk_sms_outbox" PRIMARY KEY,
    "report_id" TEXT NOT NULL,
    "report_message_id" TEXT NOT NULL,
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
    CONSTRAINT "fk_sms_outbox_report_messages_report_message_id" FOREIGN KEY ("report_message_id") REFERENCES "report_messages" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_sms_inbound_messages_message_key_hash" ON "sms_inbound_messages" ("message_key_hash");

CREATE INDEX "ix_sms_inbound_messages_report_id" ON "sms_inbound_messages" ("report_id");

CREATE INDEX "ix_sms_outbox_report_id" ON "sms_outbox" ("report_id");

CREATE INDEX "ix_sms_outbox_report_message_id" ON "sms_outbox" ("report_message_id");

CREATE INDEX "ix_sms_outbox_status_next_attempt_at" ON "sms_outbox" ("status", "next_attempt_at");
