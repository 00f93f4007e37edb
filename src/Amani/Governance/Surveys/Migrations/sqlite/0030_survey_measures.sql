-- Version 30: survey questions as results-framework measures (surveys.{slug}), and the 95 % interval of a computed
-- indicator value (set only when it comes from a survey measure).

CREATE TABLE "survey_measures" (
    "id" TEXT NOT NULL CONSTRAINT "pk_survey_measures" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "survey_id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_fr" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "choices" TEXT NOT NULL,
    "created_by_user_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_survey_measures_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_survey_measures_surveys_survey_id" FOREIGN KEY ("survey_id") REFERENCES "surveys" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_survey_measures_mission_id" ON "survey_measures" ("mission_id");
CREATE UNIQUE INDEX "ix_survey_measures_slug" ON "survey_measures" ("slug");
CREATE INDEX "ix_survey_measures_survey_id" ON "survey_measures" ("survey_id");

ALTER TABLE "indicator_values" ADD COLUMN "interval_low" REAL NULL;
ALTER TABLE "indicator_values" ADD COLUMN "interval_high" REAL NULL;
