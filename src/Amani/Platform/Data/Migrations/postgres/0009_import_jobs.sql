-- Version 9: import jobs — uploads through the API run in the background, with progress, a lease (the node running
-- the job and until when) so that of several nodes exactly one runs a job, and a lapsed lease lets another node re-run it.

CREATE TABLE import_jobs (
    id uuid NOT NULL,
    kind character varying(16) NOT NULL,
    mission_id uuid,
    level integer,
    file_name character varying(255) NOT NULL,
    size_bytes bigint NOT NULL,
    status character varying(16) NOT NULL,
    cancel_requested boolean NOT NULL,
    bytes_read bigint NOT NULL,
    rows_read bigint NOT NULL,
    rows_per_second double precision NOT NULL,
    eta_seconds integer,
    progress_at timestamp with time zone,
    rows_inserted bigint NOT NULL,
    rows_updated bigint NOT NULL,
    rows_unchanged bigint NOT NULL,
    rows_rejected bigint NOT NULL,
    encoding character varying(32),
    error character varying(2000),
    requested_by uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    attempts integer NOT NULL,
    lease_owner character varying(200),
    lease_expires_at timestamp with time zone,
    CONSTRAINT pk_import_jobs PRIMARY KEY (id),
    CONSTRAINT fk_import_jobs_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT,
    CONSTRAINT fk_import_jobs_users_requested_by FOREIGN KEY (requested_by) REFERENCES users (id) ON DELETE RESTRICT
);

CREATE INDEX ix_import_jobs_created_at ON import_jobs (created_at);

CREATE INDEX ix_import_jobs_mission_id ON import_jobs (mission_id);

CREATE INDEX ix_import_jobs_requested_by ON import_jobs (requested_by);

CREATE INDEX ix_import_jobs_status_lease_expires_at ON import_jobs (status, lease_expires_at);
