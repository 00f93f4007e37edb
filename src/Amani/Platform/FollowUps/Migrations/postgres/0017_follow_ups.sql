-- Version 17: follow-ups — something owed by a date, attached to a record of any module — with their history and evidence.

CREATE TABLE follow_ups (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    module character varying(40) NOT NULL,
    record_type character varying(40),
    record_id uuid,
    area_id uuid,
    title character varying(300) NOT NULL,
    details character varying(4000),
    owner_kind character varying(24) NOT NULL,
    owner_user_id uuid,
    owner_role character varying(24),
    owner_external character varying(200),
    due_at timestamp with time zone NOT NULL,
    remind_before_hours integer NOT NULL,
    remind_at timestamp with time zone,
    reminded_at timestamp with time zone,
    next_escalation_at timestamp with time zone,
    escalation_level integer NOT NULL,
    escalated_at timestamp with time zone,
    escalate_to_role character varying(24),
    status character varying(24) NOT NULL,
    progress integer NOT NULL,
    managed boolean NOT NULL,
    created_by character varying(200) NOT NULL,
    created_by_user_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    closed_at timestamp with time zone,
    version integer NOT NULL,
    CONSTRAINT pk_follow_ups PRIMARY KEY (id)
);

CREATE TABLE follow_up_events (
    id uuid NOT NULL,
    follow_up_id uuid NOT NULL,
    kind character varying(24) NOT NULL,
    from_status character varying(24),
    to_status character varying(24),
    actor character varying(200) NOT NULL,
    actor_user_id uuid,
    text character varying(4000) NOT NULL,
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_follow_up_events PRIMARY KEY (id),
    CONSTRAINT fk_follow_up_events_follow_ups_follow_up_id FOREIGN KEY (follow_up_id) REFERENCES follow_ups (id) ON DELETE CASCADE
);

CREATE TABLE follow_up_evidence (
    id uuid NOT NULL,
    follow_up_id uuid NOT NULL,
    kind character varying(24) NOT NULL,
    note character varying(4000),
    record_type character varying(40),
    record_id uuid,
    file_name character varying(200),
    content_type character varying(100),
    content bytea,
    size_bytes bigint,
    added_by character varying(200) NOT NULL,
    added_by_user_id uuid,
    added_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_follow_up_evidence PRIMARY KEY (id),
    CONSTRAINT fk_follow_up_evidence_follow_ups_follow_up_id FOREIGN KEY (follow_up_id) REFERENCES follow_ups (id) ON DELETE CASCADE
);

CREATE INDEX ix_follow_ups_mission_id_due_at_id ON follow_ups (mission_id, due_at, id);

CREATE INDEX ix_follow_ups_owner_user_id_status ON follow_ups (owner_user_id, status);

CREATE INDEX ix_follow_ups_record_id_module ON follow_ups (record_id, module);

CREATE INDEX ix_follow_ups_status_remind_at ON follow_ups (status, remind_at);

CREATE INDEX ix_follow_ups_status_next_escalation_at ON follow_ups (status, next_escalation_at);

CREATE INDEX ix_follow_up_events_follow_up_id_at ON follow_up_events (follow_up_id, at);

CREATE INDEX ix_follow_up_evidence_follow_up_id_added_at ON follow_up_evidence (follow_up_id, added_at);

-- Alerts' responses are follow-ups (module "alerts"): every alert still open gets its follow-up, with the alert's id.
INSERT INTO follow_ups (id, mission_id, module, record_type, record_id, area_id, title, details, owner_kind, owner_user_id, owner_role,
    owner_external, due_at, remind_before_hours, remind_at, reminded_at, next_escalation_at, escalation_level, escalated_at, escalate_to_role,
    status, progress, managed, created_by, created_by_user_id, created_at, updated_at, closed_at, version)
SELECT id, mission_id, 'alerts', 'alert', id, area_id, left(headline, 300), NULL,
    CASE WHEN owner_user_id IS NULL THEN 'Role' ELSE 'User' END, owner_user_id, owner_role, NULL, deadline_at, 0, NULL, NULL,
    CASE WHEN owner_role IN ('Administrator', 'Partner') THEN NULL ELSE deadline_at END, escalation_level, NULL, NULL,
    CASE WHEN status = 'Open' THEN 'Open' ELSE 'InProgress' END, 0, true, 'system', NULL, raised_at, updated_at, NULL, 1
FROM alerts WHERE status IN ('Open', 'Acknowledged', 'Responding');
