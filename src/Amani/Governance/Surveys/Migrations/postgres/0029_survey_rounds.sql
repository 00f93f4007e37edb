-- Version 29: perception survey rounds — a round of a survey's form with its sampling design (stratum, cluster, sex, age and
-- consent questions, minimum cell size, approved only, published) and the population of each stratum.

CREATE TABLE survey_rounds (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    survey_id uuid NOT NULL,
    form_id uuid NOT NULL,
    name character varying(200) NOT NULL,
    description character varying(4000),
    fieldwork_start date NOT NULL,
    fieldwork_end date NOT NULL,
    stratum_question character varying(300) NOT NULL,
    cluster_question character varying(300) NOT NULL,
    sex_question character varying(300),
    age_question character varying(300),
    consent_question character varying(300),
    minimum_cell_size integer NOT NULL,
    approved_only boolean NOT NULL,
    published boolean NOT NULL,
    published_at timestamp with time zone,
    created_by_user_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    version integer NOT NULL,
    CONSTRAINT pk_survey_rounds PRIMARY KEY (id),
    CONSTRAINT fk_survey_rounds_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT,
    CONSTRAINT fk_survey_rounds_survey_forms_form_id FOREIGN KEY (form_id) REFERENCES survey_forms (id) ON DELETE RESTRICT,
    CONSTRAINT fk_survey_rounds_surveys_survey_id FOREIGN KEY (survey_id) REFERENCES surveys (id) ON DELETE RESTRICT
);
CREATE TABLE survey_round_strata (
    round_id uuid NOT NULL,
    pcode character varying(50) NOT NULL,
    population double precision NOT NULL,
    clusters_sampled integer,
    respondents_per_cluster integer,
    CONSTRAINT pk_survey_round_strata PRIMARY KEY (round_id, pcode),
    CONSTRAINT fk_survey_round_strata_survey_rounds_round_id FOREIGN KEY (round_id) REFERENCES survey_rounds (id) ON DELETE CASCADE
);
CREATE INDEX ix_survey_rounds_form_id ON survey_rounds (form_id);
CREATE INDEX ix_survey_rounds_mission_id ON survey_rounds (mission_id);
CREATE UNIQUE INDEX ix_survey_rounds_survey_id_name ON survey_rounds (survey_id, name);
