-- Version 24: the results framework — plan versions and their tree, indicators with their targets, values and approved
-- periods, mission category lists, and assessments with findings, ratings and recommendations.

CREATE TABLE "category_lists" (
    "id" TEXT NOT NULL CONSTRAINT "pk_category_lists" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    CONSTRAINT "fk_category_lists_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "indicators" (
    "id" TEXT NOT NULL CONSTRAINT "pk_indicators" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_fr" TEXT NULL,
    "definition" TEXT NULL,
    "unit" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "factor" REAL NULL,
    "allow_over100" INTEGER NOT NULL,
    "direction" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "area_level" INTEGER NULL,
    "disaggregations" TEXT NOT NULL,
    "data_source" TEXT NULL,
    "owner_user_id" TEXT NULL,
    "public" INTEGER NOT NULL,
    "measure_key" TEXT NULL,
    "measure_arguments" TEXT NULL,
    "measure_groups" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "computed_at" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_indicators_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "results_plans" (
    "id" TEXT NOT NULL CONSTRAINT "pk_results_plans" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "starts_on" TEXT NOT NULL,
    "ends_on" TEXT NOT NULL,
    "previous_plan_id" TEXT NULL,
    "assessment_id" TEXT NULL,
    "created_by_user_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "activated_at" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_results_plans_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "indicator_period_approvals" (
    "id" TEXT NOT NULL CONSTRAINT "pk_indicator_period_approvals" PRIMARY KEY,
    "indicator_id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "approved_by_user_id" TEXT NOT NULL,
    "approved_at" TEXT NOT NULL,
    CONSTRAINT "fk_indicator_period_approvals_indicators_indicator_id" FOREIGN KEY ("indicator_id") REFERENCES "indicators" ("id") ON DELETE CASCADE
);

CREATE TABLE "indicator_reporters" (
    "id" TEXT NOT NULL CONSTRAINT "pk_indicator_reporters" PRIMARY KEY,
    "indicator_id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    CONSTRAINT "fk_indicator_reporters_indicators_indicator_id" FOREIGN KEY ("indicator_id") REFERENCES "indicators" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_indicator_reporters_organizations_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE RESTRICT
);

CREATE TABLE "indicator_targets" (
    "id" TEXT NOT NULL CONSTRAINT "pk_indicator_targets" PRIMARY KEY,
    "indicator_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "period_start" TEXT NOT NULL,
    "area_code" TEXT NOT NULL,
    "value" REAL NOT NULL,
    CONSTRAINT "fk_indicator_targets_indicators_indicator_id" FOREIGN KEY ("indicator_id") REFERENCES "indicators" ("id") ON DELETE CASCADE
);

CREATE TABLE "indicator_values" (
    "id" TEXT NOT NULL CONSTRAINT "pk_indicator_values" PRIMARY KEY,
    "indicator_id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "period_start" TEXT NOT NULL,
    "area_code" TEXT NOT NULL,
    "disaggregation" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "numerator" REAL NULL,
    "denominator" REAL NULL,
    "comment" TEXT NULL,
    "follow_up" INTEGER NOT NULL,
    "computed" INTEGER NOT NULL,
    "entered_by_user_id" TEXT NULL,
    "entered_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_indicator_values_indicators_indicator_id" FOREIGN KEY ("indicator_id") REFERENCES "indicators" ("id") ON DELETE CASCADE
);

CREATE TABLE "assessments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_assessments" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "plan_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "period_from" TEXT NOT NULL,
    "period_until" TEXT NOT NULL,
    "scope" TEXT NULL,
    "method" TEXT NULL,
    "team" TEXT NULL,
    "status" TEXT NOT NULL,
    "created_by_user_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_assessments_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_assessments_results_plans_plan_id" FOREIGN KEY ("plan_id") REFERENCES "results_plans" ("id") ON DELETE RESTRICT
);

CREATE TABLE "results_plan_changes" (
    "id" TEXT NOT NULL CONSTRAINT "pk_results_plan_changes" PRIMARY KEY,
    "plan_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "node_key" TEXT NULL,
    "text" TEXT NOT NULL,
    "recommendation_id" TEXT NULL,
    "actor" TEXT NOT NULL,
    "actor_user_id" TEXT NULL,
    "at" TEXT NOT NULL,
    CONSTRAINT "fk_results_plan_changes_results_plans_plan_id" FOREIGN KEY ("plan_id") REFERENCES "results_plans" ("id") ON DELETE CASCADE
);

CREATE TABLE "results_plan_nodes" (
    "id" TEXT NOT NULL CONSTRAINT "pk_results_plan_nodes" PRIMARY KEY,
    "plan_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "parent_id" TEXT NULL,
    "level" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NULL,
    "position" INTEGER NOT NULL,
    "indicator_id" TEXT NULL,
    CONSTRAINT "fk_results_plan_nodes_indicators_indicator_id" FOREIGN KEY ("indicator_id") REFERENCES "indicators" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_results_plan_nodes_results_plans_plan_id" FOREIGN KEY ("plan_id") REFERENCES "results_plans" ("id") ON DELETE CASCADE
);

CREATE TABLE "assessment_findings" (
    "id" TEXT NOT NULL CONSTRAINT "pk_assessment_findings" PRIMARY KEY,
    "assessment_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "fk_assessment_findings_assessments_assessment_id" FOREIGN KEY ("assessment_id") REFERENCES "assessments" ("id") ON DELETE CASCADE
);

CREATE TABLE "assessment_ratings" (
    "id" TEXT NOT NULL CONSTRAINT "pk_assessment_ratings" PRIMARY KEY,
    "assessment_id" TEXT NOT NULL,
    "node_key" TEXT NOT NULL,
    "rating" TEXT NOT NULL,
    "comment" TEXT NULL,
    CONSTRAINT "fk_assessment_ratings_assessments_assessment_id" FOREIGN KEY ("assessment_id") REFERENCES "assessments" ("id") ON DELETE CASCADE
);

CREATE TABLE "assessment_recommendations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_assessment_recommendations" PRIMARY KEY,
    "assessment_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "owner_user_id" TEXT NULL,
    "decision" TEXT NOT NULL,
    "decision_reason" TEXT NULL,
    "decided_by_user_id" TEXT NULL,
    "decided_at" TEXT NULL,
    "due_on" TEXT NULL,
    "follow_up_id" TEXT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "fk_assessment_recommendations_assessments_assessment_id" FOREIGN KEY ("assessment_id") REFERENCES "assessments" ("id") ON DELETE CASCADE
);

CREATE TABLE "assessment_finding_evidence" (
    "id" TEXT NOT NULL CONSTRAINT "pk_assessment_finding_evidence" PRIMARY KEY,
    "finding_id" TEXT NOT NULL,
    "indicator_id" TEXT NULL,
    "record_type" TEXT NULL,
    "record_id" TEXT NULL,
    CONSTRAINT "fk_assessment_finding_evidence_assessment_findings_finding_id" FOREIGN KEY ("finding_id") REFERENCES "assessment_findings" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_assessment_finding_evidence_indicators_indicator_id" FOREIGN KEY ("indicator_id") REFERENCES "indicators" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_assessment_finding_evidence_finding_id" ON "assessment_finding_evidence" ("finding_id");

CREATE INDEX "ix_assessment_finding_evidence_indicator_id" ON "assessment_finding_evidence" ("indicator_id");

CREATE INDEX "ix_assessment_findings_assessment_id" ON "assessment_findings" ("assessment_id");

CREATE UNIQUE INDEX "ix_assessment_ratings_assessment_id_node_key" ON "assessment_ratings" ("assessment_id", "node_key");

CREATE INDEX "ix_assessment_recommendations_assessment_id" ON "assessment_recommendations" ("assessment_id");

CREATE INDEX "ix_assessments_mission_id_period_until" ON "assessments" ("mission_id", "period_until");

CREATE INDEX "ix_assessments_plan_id" ON "assessments" ("plan_id");

CREATE UNIQUE INDEX "ix_category_lists_mission_id_code" ON "category_lists" ("mission_id", "code");

CREATE UNIQUE INDEX "ix_indicator_period_approvals_indicator_id_period" ON "indicator_period_approvals" ("indicator_id", "period");

CREATE UNIQUE INDEX "ix_indicator_reporters_indicator_id_organization_id" ON "indicator_reporters" ("indicator_id", "organization_id");

CREATE INDEX "ix_indicator_reporters_organization_id" ON "indicator_reporters" ("organization_id");

CREATE UNIQUE INDEX "ix_indicator_targets_indicator_id_kind_period_area_code" ON "indicator_targets" ("indicator_id", "kind", "period", "area_code");

CREATE UNIQUE INDEX "ix_indicator_values_key" ON "indicator_values" ("indicator_id", "period", "area_code", "disaggregation");

CREATE INDEX "ix_indicator_values_indicator_id_period_start" ON "indicator_values" ("indicator_id", "period_start");

CREATE UNIQUE INDEX "ix_indicators_mission_id_code" ON "indicators" ("mission_id", "code");

CREATE INDEX "ix_results_plan_changes_plan_id_at" ON "results_plan_changes" ("plan_id", "at");

CREATE INDEX "ix_results_plan_nodes_indicator_id" ON "results_plan_nodes" ("indicator_id");

CREATE UNIQUE INDEX "ix_results_plan_nodes_plan_id_key" ON "results_plan_nodes" ("plan_id", "key");

CREATE UNIQUE INDEX "ix_results_plans_mission_id_number" ON "results_plans" ("mission_id", "number");
