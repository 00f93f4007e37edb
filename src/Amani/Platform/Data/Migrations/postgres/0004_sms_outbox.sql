-- Version 4: the SMS channel — replies waiting to be sent to SMS reporters (outbox), and gateway message ids already handled.

CREATE TABLE sms_inbound_messages (
    id uuid NOT NULL,
    message_key_hash character varying(64) NOT NULL,
    report_id uuid,
    received_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_sms_inbound_messages PRIMARY KEY (id),
    CONSTRAINT fk_sms_inbound_messages_community_reports_report_id FOREIGN KEY (report_id) REFERENCES community_reports (id) ON DELETE CASCADE
);

CREATE TABLE sms_outbox (
    id uuid NOT NULL,
    report_id uuid NOT NULL,
    report_message_id uuid NOT NULL,
    body character varying(2000) NOT NULL,
    status character varying(16) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    locked_until timestamp with time zone,
    last_error character varying(200),
    gateway_message_id character varying(64),
    created_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    CONSTRAINT pk_sms_outbox PRIMARY KEY (id),
    CONSTRAINT fk_sms_outbox_community_reports_report_id FOREIGN KEY (report_id) REFERENCES community_reports (id) ON DELETE CASCADE,
    CONSTRAINT fk_sms_outbox_report_messages_report_message_id FOREIGN KEY (report_message_id) REFERENCES report_messages (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_sms_inbound_messages_message_key_hash ON sms_inbound_messages (message_key_hash);

CREATE INDEX ix_sms_inbound_messages_report_id ON sms_inbound_messages (report_id);

CREATE INDEX ix_sms_outbox_report_id ON sms_outbox (report_id);

CREATE INDEX ix_sms_outbox_report_message_id ON sms_outbox (report_message_id);

CREATE INDEX ix_sms_outbox_status_next_attempt_at ON sms_outbox (status, next_attempt_at);
