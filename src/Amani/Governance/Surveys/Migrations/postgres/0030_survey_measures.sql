-- Version 30: survey questions as results-framework measures (surveys.{slug}), and the 95 % interval of a computed
-- indicator value (set only when it comes from a survey measure).

CREATE TABLE survey_measures (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    survey_id uuid NOT NULL,
    slug character varying(60) NOT NULL,
    name character varying(200) NOT NULL,
    name_fr character varying(200) NOT NULL,
    question character varying(300) NOT NULL,
    choices character varying(1000) NOT NULL,
    created_by_user_id uuid,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_survey_measures PRIMARY KEY (id),
    CONSTRAINT fk_survey_measures_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT,
    CONSTRAINT fk_survey_measures_surveys_survey_id FOREIGN KEY (survey_id) REFERENCES surveys (id) ON DELETE RESTRICT
);
CREATE INDEX ix_survey_measures_mission_id ON survey_measures (mission_id);
CREATE UNIQUE INDEX ix_survey_measures_slug ON survey_measures (slug);
CREATE INDEX ix_survey_measures_survey_id ON survey_measures (survey_id);

ALTER TABLE indicator_values ADD COLUMN interval_low double precision;
ALTER TABLE indicator_values ADD COLUMN interval_high double precision;
