-- Version 27: survey submission versions — the earlier versions of a submission an edit (meta/deprecatedID) replaced:
-- instanceID, XML and its hash, who sent it, when it arrived and when it was replaced.

CREATE TABLE "survey_submission_versions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_survey_submission_versions" PRIMARY KEY,
    "submission_id" TEXT NOT NULL,
    "form_version_id" TEXT NOT NULL,
    "instance_id" TEXT NOT NULL,
    "xml" TEXT NOT NULL,
    "xml_hash" TEXT NOT NULL,
    "app_user_id" TEXT NULL,
    "user_id" TEXT NULL,
    "received_at" TEXT NOT NULL,
    "replaced_at" TEXT NOT NULL,
    CONSTRAINT "fk_survey_submission_versions_survey_form_versions_form_version_id" FOREIGN KEY ("form_version_id") REFERENCES "survey_form_versions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_survey_submission_versions_survey_submissions_submission_id" FOREIGN KEY ("submission_id") REFERENCES "survey_submissions" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_survey_submission_versions_form_version_id" ON "survey_submission_versions" ("form_version_id");
CREATE INDEX "ix_survey_submission_versions_instance_id" ON "survey_submission_versions" ("instance_id");
CREATE UNIQUE INDEX "ix_survey_submission_versions_submission_id_instance_id" ON "survey_submission_versions" ("submission_id", "instance_id");
