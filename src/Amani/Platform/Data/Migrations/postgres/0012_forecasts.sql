-- Version 12: forecasts kept per mission, with the model version and the inputs' cut-off month (ViEWS month ids),
-- and their scores once the target month's data have arrived.

CREATE TABLE forecasts (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    unit_kind character varying(16) NOT NULL,
    unit_key character varying(64) NOT NULL,
    area_id uuid,
    model character varying(32) NOT NULL,
    model_version character varying(64) NOT NULL,
    cutoff_month integer NOT NULL,
    target_month integer NOT NULL,
    step integer NOT NULL,
    origin_deaths double precision NOT NULL,
    log_change double precision NOT NULL,
    deaths double precision NOT NULL,
    p1 double precision NOT NULL,
    p25 double precision NOT NULL,
    p100 double precision NOT NULL,
    q05 double precision NOT NULL,
    q10 double precision NOT NULL,
    q25 double precision NOT NULL,
    q50 double precision NOT NULL,
    q75 double precision NOT NULL,
    q90 double precision NOT NULL,
    q95 double precision NOT NULL,
    created_at timestamp with time zone NOT NULL,
    actual_deaths double precision,
    squared_error double precision,
    tadda double precision,
    scored_at timestamp with time zone,
    CONSTRAINT pk_forecasts PRIMARY KEY (id),
    CONSTRAINT fk_forecasts_admin_areas_area_id FOREIGN KEY (area_id) REFERENCES admin_areas (id) ON DELETE RESTRICT,
    CONSTRAINT fk_forecasts_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT
);

CREATE INDEX ix_forecasts_area_id ON forecasts (area_id);
CREATE INDEX ix_forecasts_scoring ON forecasts (mission_id, scored_at, target_month);
CREATE INDEX ix_forecasts_unit_target ON forecasts (mission_id, unit_kind, unit_key, target_month);
CREATE UNIQUE INDEX ux_forecasts_identity ON forecasts (mission_id, unit_kind, unit_key, model_version, cutoff_month, target_month);
