-- Version 24: the results framework — plan versions and their tree, indicators with their targets, values and approved
-- periods, mission category lists, and assessments with findings, ratings and recommendations.

CREATE TABLE category_lists (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    code character varying(40) NOT NULL,
    name character varying(300) NOT NULL,
    options character varying(4000) NOT NULL,
    CONSTRAINT pk_category_lists PRIMARY KEY (id),
    CONSTRAINT fk_category_lists_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT
);

CREATE TABLE indicators (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    code character varying(40) NOT NULL,
    name character varying(300) NOT NULL,
    name_fr character varying(300),
    definition character varying(4000),
    unit character varying(60) NOT NULL,
    type character varying(24) NOT NULL,
    factor double precision,
    allow_over100 boolean NOT NULL,
    direction character varying(24) NOT NULL,
    frequency character varying(24) NOT NULL,
    area_level integer,
    disaggregations character varying(200) NOT NULL,
    data_source character varying(300),
    owner_user_id uuid,
    public boolean NOT NULL,
    measure_key character varying(80),
    measure_arguments character varying(400),
    measure_groups character varying(400) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    computed_at timestamp with time zone,
    version integer NOT NULL,
    CONSTRAINT pk_indicators PRIMARY KEY (id),
    CONSTRAINT fk_indicators_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT
);

CREATE TABLE results_plans (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    number integer NOT NULL,
    title character varying(300) NOT NULL,
    status character varying(24) NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    previous_plan_id uuid,
    assessment_id uuid,
    created_by_user_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    activated_at timestamp with time zone,
    version integer NOT NULL,
    CONSTRAINT pk_results_plans PRIMARY KEY (id),
    CONSTRAINT fk_results_plans_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT
);

CREATE TABLE indicator_period_approvals (
    id uuid NOT NULL,
    indicator_id uuid NOT NULL,
    period character varying(8) NOT NULL,
    approved_by_user_id uuid NOT NULL,
    approved_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_indicator_period_approvals PRIMARY KEY (id),
    CONSTRAINT fk_indicator_period_approvals_indicators_indicator_id FOREIGN KEY (indicator_id) REFERENCES indicators (id) ON DELETE CASCADE
);

CREATE TABLE indicator_reporters (
    id uuid NOT NULL,
    indicator_id uuid NOT NULL,
    organization_id uuid NOT NULL,
    CONSTRAINT pk_indicator_reporters PRIMARY KEY (id),
    CONSTRAINT fk_indicator_reporters_indicators_indicator_id FOREIGN KEY (indicator_id) REFERENCES indicators (id) ON DELETE CASCADE,
    CONSTRAINT fk_indicator_reporters_organizations_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE RESTRICT
);

CREATE TABLE indicator_targets (
    id uuid NOT NULL,
    indicator_id uuid NOT NULL,
    kind character varying(24) NOT NULL,
    period character varying(8) NOT NULL,
    period_start date NOT NULL,
    area_code character varying(40) NOT NULL,
    value double precision NOT NULL,
    CONSTRAINT pk_indicator_targets PRIMARY KEY (id),
    CONSTRAINT fk_indicator_targets_indicators_indicator_id FOREIGN KEY (indicator_id) REFERENCES indicators (id) ON DELETE CASCADE
);

CREATE TABLE indicator_values (
    id uuid NOT NULL,
    indicator_id uuid NOT NULL,
    period character varying(8) NOT NULL,
    period_start date NOT NULL,
    area_code character varying(40) NOT NULL,
    disaggregation character varying(200) NOT NULL,
    value double precision NOT NULL,
    numerator double precision,
    denominator double precision,
    comment character varying(1000),
    follow_up boolean NOT NULL,
    computed boolean NOT NULL,
    entered_by_user_id uuid,
    entered_at timestamp with time zone NOT NULL,
    version integer NOT NULL,
    CONSTRAINT pk_indicator_values PRIMARY KEY (id),
    CONSTRAINT fk_indicator_values_indicators_indicator_id FOREIGN KEY (indicator_id) REFERENCES indicators (id) ON DELETE CASCADE
);

CREATE TABLE assessments (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    plan_id uuid NOT NULL,
    title character varying(300) NOT NULL,
    period_from date NOT NULL,
    period_until date NOT NULL,
    scope character varying(4000),
    method character varying(4000),
    team character varying(300),
    status character varying(24) NOT NULL,
    created_by_user_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    version integer NOT NULL,
    CONSTRAINT pk_assessments PRIMARY KEY (id),
    CONSTRAINT fk_assessments_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT,
    CONSTRAINT fk_assessments_results_plans_plan_id FOREIGN KEY (plan_id) REFERENCES results_plans (id) ON DELETE RESTRICT
);

CREATE TABLE results_plan_changes (
    id uuid NOT NULL,
    plan_id uuid NOT NULL,
    kind character varying(24) NOT NULL,
    node_key uuid,
    text character varying(4000) NOT NULL,
    recommendation_id uuid,
    actor character varying(200) NOT NULL,
    actor_user_id uuid,
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_results_plan_changes PRIMARY KEY (id),
    CONSTRAINT fk_results_plan_changes_results_plans_plan_id FOREIGN KEY (plan_id) REFERENCES results_plans (id) ON DELETE CASCADE
);

CREATE TABLE results_plan_nodes (
    id uuid NOT NULL,
    plan_id uuid NOT NULL,
    key uuid NOT NULL,
    parent_id uuid,
    level character varying(24) NOT NULL,
    code character varying(40) NOT NULL,
    name character varying(300) NOT NULL,
    description character varying(4000),
    position integer NOT NULL,
    indicator_id uuid,
    CONSTRAINT pk_results_plan_nodes PRIMARY KEY (id),
    CONSTRAINT fk_results_plan_nodes_indicators_indicator_id FOREIGN KEY (indicator_id) REFERENCES indicators (id) ON DELETE RESTRICT,
    CONSTRAINT fk_results_plan_nodes_results_plans_plan_id FOREIGN KEY (plan_id) REFERENCES results_plans (id) ON DELETE CASCADE
);

CREATE TABLE assessment_findings (
    id uuid NOT NULL,
    assessment_id uuid NOT NULL,
    text character varying(4000) NOT NULL,
    position integer NOT NULL,
    CONSTRAINT pk_assessment_findings PRIMARY KEY (id),
    CONSTRAINT fk_assessment_findings_assessments_assessment_id FOREIGN KEY (assessment_id) REFERENCES assessments (id) ON DELETE CASCADE
);

CREATE TABLE assessment_ratings (
    id uuid NOT NULL,
    assessment_id uuid NOT NULL,
    node_key uuid NOT NULL,
    rating character varying(24) NOT NULL,
    comment character varying(4000),
    CONSTRAINT pk_assessment_ratings PRIMARY KEY (id),
    CONSTRAINT fk_assessment_ratings_assessments_assessment_id FOREIGN KEY (assessment_id) REFERENCES assessments (id) ON DELETE CASCADE
);

CREATE TABLE assessment_recommendations (
    id uuid NOT NULL,
    assessment_id uuid NOT NULL,
    text character varying(4000) NOT NULL,
    owner_user_id uuid,
    decision character varying(24) NOT NULL,
    decision_reason character varying(4000),
    decided_by_user_id uuid,
    decided_at timestamp with time zone,
    due_on date,
    follow_up_id uuid,
    position integer NOT NULL,
    CONSTRAINT pk_assessment_recommendations PRIMARY KEY (id),
    CONSTRAINT fk_assessment_recommendations_assessments_assessment_id FOREIGN KEY (assessment_id) REFERENCES assessments (id) ON DELETE CASCADE
);

CREATE TABLE assessment_finding_evidence (
    id uuid NOT NULL,
    finding_id uuid NOT NULL,
    indicator_id uuid,
    record_type character varying(40),
    record_id uuid,
    CONSTRAINT pk_assessment_finding_evidence PRIMARY KEY (id),
    CONSTRAINT fk_assessment_finding_evidence_assessment_findings_finding_id FOREIGN KEY (finding_id) REFERENCES assessment_findings (id) ON DELETE CASCADE,
    CONSTRAINT fk_assessment_finding_evidence_indicators_indicator_id FOREIGN KEY (indicator_id) REFERENCES indicators (id) ON DELETE RESTRICT
);

CREATE INDEX ix_assessment_finding_evidence_finding_id ON assessment_finding_evidence (finding_id);

CREATE INDEX ix_assessment_finding_evidence_indicator_id ON assessment_finding_evidence (indicator_id);

CREATE INDEX ix_assessment_findings_assessment_id ON assessment_findings (assessment_id);

CREATE UNIQUE INDEX ix_assessment_ratings_assessment_id_node_key ON assessment_ratings (assessment_id, node_key);

CREATE INDEX ix_assessment_recommendations_assessment_id ON assessment_recommendations (assessment_id);

CREATE INDEX ix_assessments_mission_id_period_until ON assessments (mission_id, period_until);

CREATE INDEX ix_assessments_plan_id ON assessments (plan_id);

CREATE UNIQUE INDEX ix_category_lists_mission_id_code ON category_lists (mission_id, code);

CREATE UNIQUE INDEX ix_indicator_period_approvals_indicator_id_period ON indicator_period_approvals (indicator_id, period);

CREATE UNIQUE INDEX ix_indicator_reporters_indicator_id_organization_id ON indicator_reporters (indicator_id, organization_id);

CREATE INDEX ix_indicator_reporters_organization_id ON indicator_reporters (organization_id);

CREATE UNIQUE INDEX ix_indicator_targets_indicator_id_kind_period_area_code ON indicator_targets (indicator_id, kind, period, area_code);

CREATE UNIQUE INDEX ix_indicator_values_key ON indicator_values (indicator_id, period, area_code, disaggregation);

CREATE INDEX ix_indicator_values_indicator_id_period_start ON indicator_values (indicator_id, period_start);

CREATE UNIQUE INDEX ix_indicators_mission_id_code ON indicators (mission_id, code);

CREATE INDEX ix_results_plan_changes_plan_id_at ON results_plan_changes (plan_id, at);

CREATE INDEX ix_results_plan_nodes_indicator_id ON results_plan_nodes (indicator_id);

CREATE UNIQUE INDEX ix_results_plan_nodes_plan_id_key ON results_plan_nodes (plan_id, key);

CREATE UNIQUE INDEX ix_results_plans_mission_id_number ON results_plans (mission_id, number);
