-- Version 26: surveys — surveys and their teams, forms and their versions (the XForm as served, its MD5, media files),
-- app users (a token's SHA-256 only), submissions (unique per form by instanceID) and their attachments (blobs by SHA-256).

CREATE TABLE "surveys" (
    "id" TEXT NOT NULL CONSTRAINT "pk_surveys" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NULL,
    "sensitive" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "created_by_user_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_surveys_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT
);
CREATE TABLE "survey_team_members" (
    "survey_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "pk_survey_team_members" PRIMARY KEY ("survey_id", "user_id"),
    CONSTRAINT "fk_survey_team_members_surveys_survey_id" FOREIGN KEY ("survey_id") REFERENCES "surveys" ("id") ON DELETE CASCADE
);
CREATE TABLE "survey_forms" (
    "id" TEXT NOT NULL CONSTRAINT "pk_survey_forms" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "survey_id" TEXT NOT NULL,
    "xml_form_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_survey_forms_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_survey_forms_surveys_survey_id" FOREIGN KEY ("survey_id") REFERENCES "surveys" ("id") ON DELETE RESTRICT
);
CREATE TABLE "survey_form_versions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_survey_form_versions" PRIMARY KEY,
    "form_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "x_form" TEXT NOT NULL,
    "x_form_md5" TEXT NOT NULL,
    "original_file_name" TEXT NULL,
    "original_blob" TEXT NULL,
    "info_json" TEXT NOT NULL,
    "binary_paths" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "created_by_user_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_survey_form_versions_survey_forms_form_id" FOREIGN KEY ("form_id") REFERENCES "survey_forms" ("id") ON DELETE RESTRICT
);
CREATE TABLE "survey_form_media" (
    "id" TEXT NOT NULL CONSTRAINT "pk_survey_form_media" PRIMARY KEY,
    "version_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "content_type" TEXT NULL,
    "byte_size" INTEGER NULL,
    "blob" TEXT NULL,
    "md5" TEXT NULL,
    "uploaded_at" TEXT NULL,
    CONSTRAINT "fk_survey_form_media_survey_form_versions_version_id" FOREIGN KEY ("version_id") REFERENCES "survey_form_versions" ("id") ON DELETE CASCADE
);
CREATE TABLE "survey_app_users" (
    "id" TEXT NOT NULL CONSTRAINT "pk_survey_app_users" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "survey_id" TEXT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_by_user_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "revoked_at" TEXT NULL,
    "revoked_by_user_id" TEXT NULL,
    CONSTRAINT "fk_survey_app_users_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_survey_app_users_surveys_survey_id" FOREIGN KEY ("survey_id") REFERENCES "surveys" ("id") ON DELETE RESTRICT
);
CREATE TABLE "survey_submissions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_survey_submissions" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "form_id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "instance_id" TEXT NOT NULL,
    "xml" TEXT NOT NULL,
    "xml_hash" TEXT NOT NULL,
    "app_user_id" TEXT NULL,
    "user_id" TEXT NULL,
    "complete" INTEGER NOT NULL,
    "review_state" TEXT NOT NULL,
    "received_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_survey_submissions_survey_form_versions_version_id" FOREIGN KEY ("version_id") REFERENCES "survey_form_versions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_survey_submissions_survey_forms_form_id" FOREIGN KEY ("form_id") REFERENCES "survey_forms" ("id") ON DELETE RESTRICT
);
CREATE TABLE "survey_submission_attachments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_survey_submission_attachments" PRIMARY KEY,
    "submission_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "expected" INTEGER NOT NULL,
    "content_type" TEXT NULL,
    "byte_size" INTEGER NULL,
    "blob" TEXT NULL,
    "received_at" TEXT NULL,
    CONSTRAINT "fk_survey_submission_attachments_survey_submissions_submission_id" FOREIGN KEY ("submission_id") REFERENCES "survey_submissions" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_survey_app_users_mission_id" ON "survey_app_users" ("mission_id");
CREATE INDEX "ix_survey_app_users_survey_id" ON "survey_app_users" ("survey_id");
CREATE UNIQUE INDEX "ix_survey_app_users_token_hash" ON "survey_app_users" ("token_hash");
CREATE UNIQUE INDEX "ix_survey_form_media_version_id_name" ON "survey_form_media" ("version_id", "name");
CREATE UNIQUE INDEX "ix_survey_form_versions_form_id_version" ON "survey_form_versions" ("form_id", "version");
CREATE UNIQUE INDEX "ix_survey_forms_mission_id_xml_form_id" ON "survey_forms" ("mission_id", "xml_form_id");
CREATE INDEX "ix_survey_forms_survey_id" ON "survey_forms" ("survey_id");
CREATE UNIQUE INDEX "ix_survey_submission_attachments_submission_id_name" ON "survey_submission_attachments" ("submission_id", "name");
CREATE UNIQUE INDEX "ix_survey_submissions_form_id_instance_id" ON "survey_submissions" ("form_id", "instance_id");
CREATE INDEX "ix_survey_submissions_form_id_received_at_id" ON "survey_submissions" ("form_id", "received_at", "id");
CREATE INDEX "ix_survey_submissions_version_id" ON "survey_submissions" ("version_id");
CREATE INDEX "ix_survey_team_members_user_id" ON "survey_team_members" ("user_id");
CREATE UNIQUE INDEX "ix_surveys_mission_id_name" ON "surveys" ("mission_id", "name");
