-- Version 3: incidents (actors, access grants, status history) and community reports with their messages.

CREATE TABLE incidents (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    source character varying(24) NOT NULL,
    category_code character varying(80) NOT NULL,
    occurred_from timestamp with time zone NOT NULL,
    occurred_until timestamp with time zone NOT NULL,
    occurred_precision character varying(24) NOT NULL,
    reported_at timestamp with time zone NOT NULL,
    latitude double precision,
    longitude double precision,
    location_precision character varying(24),
    place_name character varying(200),
    area_id uuid,
    prio_grid_cell integer,
    fatalities_low integer,
    fatalities_best integer,
    fatalities_high integer,
    civilian_fatalities integer,
    injured integer,
    abducted integer,
    displaced integer,
    description text NOT NULL,
    description_public boolean NOT NULL,
    confidentiality character varying(24) NOT NULL,
    confidence character varying(24) NOT NULL,
    status character varying(24) NOT NULL,
    assigned_to_user_id uuid,
    duplicate_of_id uuid,
    recorded_by_user_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    version integer NOT NULL,
    CONSTRAINT pk_incidents PRIMARY KEY (id),
    CONSTRAINT fk_incidents_admin_areas_area_id FOREIGN KEY (area_id) REFERENCES admin_areas (id) ON DELETE RESTRICT,
    CONSTRAINT fk_incidents_incidents_duplicate_of_id FOREIGN KEY (duplicate_of_id) REFERENCES incidents (id) ON DELETE RESTRICT,
    CONSTRAINT fk_incidents_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT
);

CREATE TABLE community_reports (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    tracking_code character varying(12) NOT NULL,
    idempotency_key_hash character varying(64),
    request_fingerprint character varying(64),
    channel character varying(16) NOT NULL,
    description text NOT NULL,
    latitude double precision,
    longitude double precision,
    place_name character varying(200),
    area_id uuid,
    occurred_at timestamp with time zone,
    language character varying(16),
    contact_protected text,
    consent_to_contact boolean NOT NULL,
    status character varying(16) NOT NULL,
    incident_id uuid,
    assigned_to_user_id uuid,
    received_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_community_reports PRIMARY KEY (id),
    CONSTRAINT fk_community_reports_incidents_incident_id FOREIGN KEY (incident_id) REFERENCES incidents (id) ON DELETE RESTRICT,
    CONSTRAINT fk_community_reports_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT
);

CREATE TABLE incident_actors (
    id uuid NOT NULL,
    incident_id uuid NOT NULL,
    side integer NOT NULL,
    name character varying(200) NOT NULL,
    type character varying(24),
    CONSTRAINT pk_incident_actors PRIMARY KEY (id),
    CONSTRAINT fk_incident_actors_incidents_incident_id FOREIGN KEY (incident_id) REFERENCES incidents (id) ON DELETE CASCADE
);

CREATE TABLE incident_grants (
    id uuid NOT NULL,
    incident_id uuid NOT NULL,
    organization_id uuid,
    role character varying(32),
    CONSTRAINT pk_incident_grants PRIMARY KEY (id),
    CONSTRAINT fk_incident_grants_incidents_incident_id FOREIGN KEY (incident_id) REFERENCES incidents (id) ON DELETE CASCADE,
    CONSTRAINT fk_incident_grants_organizations_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE RESTRICT
);

CREATE TABLE incident_status_changes (
    id uuid NOT NULL,
    incident_id uuid NOT NULL,
    "from" character varying(24),
    "to" character varying(24) NOT NULL,
    actor character varying(200) NOT NULL,
    reason character varying(1000) NOT NULL,
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_incident_status_changes PRIMARY KEY (id),
    CONSTRAINT fk_incident_status_changes_incidents_incident_id FOREIGN KEY (incident_id) REFERENCES incidents (id) ON DELETE CASCADE
);

CREATE TABLE report_messages (
    id uuid NOT NULL,
    report_id uuid NOT NULL,
    direction character varying(16) NOT NULL,
    body text NOT NULL,
    author_user_id uuid,
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_report_messages PRIMARY KEY (id),
    CONSTRAINT fk_report_messages_community_reports_report_id FOREIGN KEY (report_id) REFERENCES community_reports (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_community_reports_idempotency_key_hash ON community_reports (idempotency_key_hash);

CREATE INDEX ix_community_reports_incident_id ON community_reports (incident_id);

CREATE INDEX ix_community_reports_mission_id_status_received_at ON community_reports (mission_id, status, received_at);

CREATE UNIQUE INDEX ix_community_reports_tracking_code ON community_reports (tracking_code);

CREATE INDEX ix_incident_actors_incident_id ON incident_actors (incident_id);

CREATE INDEX ix_incident_grants_incident_id ON incident_grants (incident_id);

CREATE INDEX ix_incident_grants_organization_id ON incident_grants (organization_id);

CREATE INDEX ix_incident_status_changes_incident_id_at ON incident_status_changes (incident_id, at);

CREATE INDEX ix_incidents_area_id ON incidents (area_id);

CREATE INDEX ix_incidents_duplicate_of_id ON incidents (duplicate_of_id);

CREATE INDEX ix_incidents_mission_id_latitude_longitude ON incidents (mission_id, latitude, longitude);

CREATE INDEX ix_incidents_mission_id_occurred_from_id ON incidents (mission_id, occurred_from, id);

CREATE INDEX ix_incidents_mission_id_status ON incidents (mission_id, status);

CREATE INDEX ix_incidents_prio_grid_cell ON incidents (prio_grid_cell);

CREATE INDEX ix_report_messages_report_id_at ON report_messages (report_id, at);
