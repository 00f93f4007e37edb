-- Version 15: notifications for users — the in-app list (notifications), each user's delivery preferences, the e-mail
-- outbox — and the SMS outbox opened to users: a row goes to a report's reporter (report_id, report_message_id) or to
-- a user's notification phone (user_id).

CREATE TABLE notifications (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    subject character varying(300) NOT NULL,
    body character varying(4000) NOT NULL,
    link character varying(500),
    language character varying(8) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    read_at timestamp with time zone,
    email_digest_at timestamp with time zone,
    sms_digest_at timestamp with time zone,
    CONSTRAINT pk_notifications PRIMARY KEY (id),
    CONSTRAINT fk_notifications_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE notification_preferences (
    user_id uuid NOT NULL,
    email character varying(16) NOT NULL,
    sms character varying(16) NOT NULL,
    language character varying(8) NOT NULL,
    phone_protected character varying(1000),
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_notification_preferences PRIMARY KEY (user_id),
    CONSTRAINT fk_notification_preferences_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE email_outbox (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    notification_id uuid,
    subject character varying(300) NOT NULL,
    body character varying(50000) NOT NULL,
    status character varying(16) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    locked_until timestamp with time zone,
    last_error character varying(200),
    message_id character varying(200) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    CONSTRAINT pk_email_outbox PRIMARY KEY (id),
    CONSTRAINT fk_email_outbox_notifications_notification_id FOREIGN KEY (notification_id) REFERENCES notifications (id) ON DELETE CASCADE,
    CONSTRAINT fk_email_outbox_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_notifications_email_digest_at ON notifications (email_digest_at);

CREATE INDEX ix_notifications_sms_digest_at ON notifications (sms_digest_at);

CREATE INDEX ix_notifications_user_id_created_at ON notifications (user_id, created_at);

CREATE INDEX ix_notifications_user_id_read_at ON notifications (user_id, read_at);

CREATE INDEX ix_email_outbox_notification_id ON email_outbox (notification_id);

CREATE INDEX ix_email_outbox_status_next_attempt_at ON email_outbox (status, next_attempt_at);

CREATE INDEX ix_email_outbox_user_id ON email_outbox (user_id);

ALTER TABLE sms_outbox ALTER COLUMN report_id DROP NOT NULL;

ALTER TABLE sms_outbox ALTER COLUMN report_message_id DROP NOT NULL;

ALTER TABLE sms_outbox ADD COLUMN user_id uuid;

ALTER TABLE sms_outbox ADD CONSTRAINT fk_sms_outbox_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;

CREATE INDEX ix_sms_outbox_user_id ON sms_outbox (user_id);
