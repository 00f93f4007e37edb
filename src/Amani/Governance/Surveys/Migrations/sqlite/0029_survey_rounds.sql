-- Version 29: perception survey rounds — a round of a survey's form with its sampling design (stratum, cluster, sex, age and
-- consent questions, minimum cell size, approved only, published) and the population of each stratum.

CREATE TABLE "survey_rounds" (
    "id" TEXT NOT NULL CONSTRAINT "pk_survey_rounds" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "survey_id" TEXT NOT NULL,
    "form_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NULL,
    "fieldwork_start" TEXT NOT NULL,
    "fieldwork_end" TEXT NOT NULL,
    "stratum_question" TEXT NOT NULL,
    "cluster_question" TEXT NOT NULL,
    "sex_question" TEXT NULL,
    "age_question" TEXT NULL,
    "consent_question" TEXT NULL,
    "minimum_cell_size" INTEGER NOT NULL,
    "approved_only" INTEGER NOT NULL,
    "published" INTEGER NOT NULL,
    "published_at" TEXT NULL,
    "created_by_user_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_survey_rounds_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_survey_rounds_survey_forms_form_id" FOREIGN KEY ("form_id") REFERENCES "survey_forms" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_survey_rounds_surveys_survey_id" FOREIGN KEY ("survey_id") REFERENCES "surveys" ("id") ON DELETE RESTRICT
);
CREATE TABLE "survey_round_strata" (
    "round_id" TEXT NOT NULL,
    "pcode" TEXT NOT NULL,
    "population" REAL NOT NULL,
    "clusters_sampled" INTEGER NULL,
    "respondents_per_cluster" INTEGER NULL,
    CONSTRAINT "pk_survey_round_strata" PRIMARY KEY ("round_id", "pcode"),
    CONSTRAINT "fk_survey_round_strata_survey_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "survey_rounds" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_survey_rounds_form_id" ON "survey_rounds" ("form_id");
CREATE INDEX "ix_survey_rounds_mission_id" ON "survey_rounds" ("mission_id");
CREATE UNIQUE INDEX "ix_survey_rounds_survey_id_name" ON "survey_rounds" ("survey_id", "name");
