-- Version 11: alert rules per mission, the alerts they raise (one open alert per rule and area, guarded by the unique
-- open_key), each alert's log (steps and response actions) and notifications, and each mission's deadlines per severity.

CREATE TABLE alert_rules (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    name character varying(200) NOT NULL,
    kind character varying(24) NOT NULL,
    area_id uuid,
    area_level integer,
    categories character varying(2000),
    severity character varying(24) NOT NULL,
    is_public boolean NOT NULL,
    enabled boolean NOT NULL,
    threshold integer,
    window_days integer,
    factor double precision,
    minimum_count integer,
    baseline_windows integer,
    forecast_outcome character varying(24),
    probability double precision,
    default_owner_user_id uuid,
    owner_role character varying(24) NOT NULL,
    deadline_hours integer,
    created_by_user_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    archived_at timestamp with time zone,
    version integer NOT NULL,
    last_evaluated_at timestamp with time zone,
    last_evaluation character varying(2000),
    CONSTRAINT pk_alert_rules PRIMARY KEY (id),
    CONSTRAINT fk_alert_rules_admin_areas_area_id FOREIGN KEY (area_id) REFERENCES admin_areas (id) ON DELETE RESTRICT,
    CONSTRAINT fk_alert_rules_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT
);

CREATE TABLE alerts (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    rule_id uuid NOT NULL,
    area_id uuid,
    open_key character varying(80),
    kind character varying(24) NOT NULL,
    severity character varying(24) NOT NULL,
    is_public boolean NOT NULL,
    status character varying(24) NOT NULL,
    headline character varying(300) NOT NULL,
    explanation character varying(2000) NOT NULL,
    evidence_json text NOT NULL,
    evidence_fingerprint character varying(64) NOT NULL,
    owner_user_id uuid,
    owner_role character varying(24) NOT NULL,
    escalation_level integer NOT NULL,
    deadline_at timestamp with time zone NOT NULL,
    raised_at timestamp with time zone NOT NULL,
    refreshed_at timestamp with time zone NOT NULL,
    acknowledged_at timestamp with time zone,
    closed_at timestamp with time zone,
    outcome character varying(2000),
    updated_at timestamp with time zone NOT NULL,
    version integer NOT NULL,
    CONSTRAINT pk_alerts PRIMARY KEY (id),
    CONSTRAINT fk_alerts_admin_areas_area_id FOREIGN KEY (area_id) REFERENCES admin_areas (id) ON DELETE RESTRICT,
    CONSTRAINT fk_alerts_alert_rules_rule_id FOREIGN KEY (rule_id) REFERENCES alert_rules (id) ON DELETE RESTRICT,
    CONSTRAINT fk_alerts_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT
);

CREATE TABLE alert_events (
    id uuid NOT NULL,
    alert_id uuid NOT NULL,
    kind character varying(24) NOT NULL,
    from_status character varying(24),
    to_status character varying(24),
    actor character varying(200) NOT NULL,
    actor_user_id uuid,
    text character varying(2000) NOT NULL,
    at timestamp with time zone NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_alert_events PRIMARY KEY (id),
    CONSTRAINT fk_alert_events_alerts_alert_id FOREIGN KEY (alert_id) REFERENCES alerts (id) ON DELETE CASCADE
);

CREATE TABLE alert_notifications (
    id uuid NOT NULL,
    alert_id uuid NOT NULL,
    user_id uuid NOT NULL,
    reason character varying(24) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_alert_notifications PRIMARY KEY (id),
    CONSTRAINT fk_alert_notifications_alerts_alert_id FOREIGN KEY (alert_id) REFERENCES alerts (id) ON DELETE CASCADE
);

CREATE TABLE mission_alert_deadlines (
    mission_id uuid NOT NULL,
    minor_hours integer NOT NULL,
    moderate_hours integer NOT NULL,
    severe_hours integer NOT NULL,
    extreme_hours integer NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_mission_alert_deadlines PRIMARY KEY (mission_id),
    CONSTRAINT fk_mission_alert_deadlines_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT
);

CREATE INDEX ix_alert_rules_area_id ON alert_rules (area_id);

CREATE INDEX ix_alert_rules_mission_id_archived_at ON alert_rules (mission_id, archived_at);

CREATE INDEX ix_alerts_area_id ON alerts (area_id);

CREATE INDEX ix_alerts_mission_id_raised_at_id ON alerts (mission_id, raised_at, id);

CREATE UNIQUE INDEX ix_alerts_open_key ON alerts (open_key);

CREATE INDEX ix_alerts_rule_id ON alerts (rule_id);

CREATE INDEX ix_alerts_status_deadline_at ON alerts (status, deadline_at);

CREATE INDEX ix_alert_events_alert_id_recorded_at ON alert_events (alert_id, recorded_at);

CREATE INDEX ix_alert_notifications_alert_id ON alert_notifications (alert_id);

CREATE INDEX ix_alert_notifications_user_id_created_at ON alert_notifications (user_id, created_at);
