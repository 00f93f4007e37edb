-- Version 26: surveys — surveys and their teams, forms and their versions (the XForm as served, its MD5, media files),
-- app users (a token's SHA-256 only), submissions (unique per form by instanceID) and their attachments (blobs by SHA-256).

CREATE TABLE surveys (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    name character varying(200) NOT NULL,
    description character varying(4000),
    sensitive boolean NOT NULL,
    state character varying(24) NOT NULL,
    created_by_user_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    version integer NOT NULL,
    CONSTRAINT pk_surveys PRIMARY KEY (id),
    CONSTRAINT fk_surveys_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT
);
CREATE TABLE survey_team_members (
    survey_id uuid NOT NULL,
    user_id uuid NOT NULL,
    CONSTRAINT pk_survey_team_members PRIMARY KEY (survey_id, user_id),
    CONSTRAINT fk_survey_team_members_surveys_survey_id FOREIGN KEY (survey_id) REFERENCES surveys (id) ON DELETE CASCADE
);
CREATE TABLE survey_forms (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    survey_id uuid NOT NULL,
    xml_form_id character varying(100) NOT NULL,
    title character varying(300) NOT NULL,
    state character varying(24) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_survey_forms PRIMARY KEY (id),
    CONSTRAINT fk_survey_forms_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT,
    CONSTRAINT fk_survey_forms_surveys_survey_id FOREIGN KEY (survey_id) REFERENCES surveys (id) ON DELETE RESTRICT
);
CREATE TABLE survey_form_versions (
    id uuid NOT NULL,
    form_id uuid NOT NULL,
    version character varying(100) NOT NULL,
    title character varying(300) NOT NULL,
    x_form text NOT NULL,
    x_form_md5 character varying(32) NOT NULL,
    original_file_name character varying(255),
    original_blob character varying(64),
    info_json text NOT NULL,
    binary_paths text NOT NULL,
    state character varying(24) NOT NULL,
    created_by_user_id uuid,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_survey_form_versions PRIMARY KEY (id),
    CONSTRAINT fk_survey_form_versions_survey_forms_form_id FOREIGN KEY (form_id) REFERENCES survey_forms (id) ON DELETE RESTRICT
);
CREATE TABLE survey_form_media (
    id uuid NOT NULL,
    version_id uuid NOT NULL,
    name character varying(255) NOT NULL,
    content_type character varying(100),
    byte_size bigint,
    blob character varying(64),
    md5 character varying(32),
    uploaded_at timestamp with time zone,
    CONSTRAINT pk_survey_form_media PRIMARY KEY (id),
    CONSTRAINT fk_survey_form_media_survey_form_versions_version_id FOREIGN KEY (version_id) REFERENCES survey_form_versions (id) ON DELETE CASCADE
);
CREATE TABLE survey_app_users (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    survey_id uuid,
    name character varying(200) NOT NULL,
    token_hash character varying(64) NOT NULL,
    created_by_user_id uuid,
    created_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    revoked_by_user_id uuid,
    CONSTRAINT pk_survey_app_users PRIMARY KEY (id),
    CONSTRAINT fk_survey_app_users_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT,
    CONSTRAINT fk_survey_app_users_surveys_survey_id FOREIGN KEY (survey_id) REFERENCES surveys (id) ON DELETE RESTRICT
);
CREATE TABLE survey_submissions (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    form_id uuid NOT NULL,
    version_id uuid NOT NULL,
    instance_id character varying(200) NOT NULL,
    xml text NOT NULL,
    xml_hash character varying(64) NOT NULL,
    app_user_id uuid,
    user_id uuid,
    complete boolean NOT NULL,
    review_state character varying(24) NOT NULL,
    received_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_survey_submissions PRIMARY KEY (id),
    CONSTRAINT fk_survey_submissions_survey_form_versions_version_id FOREIGN KEY (version_id) REFERENCES survey_form_versions (id) ON DELETE RESTRICT,
    CONSTRAINT fk_survey_submissions_survey_forms_form_id FOREIGN KEY (form_id) REFERENCES survey_forms (id) ON DELETE RESTRICT
);
CREATE TABLE survey_submission_attachments (
    id uuid NOT NULL,
    submission_id uuid NOT NULL,
    name character varying(255) NOT NULL,
    expected boolean NOT NULL,
    content_type character varying(100),
    byte_size bigint,
    blob character varying(64),
    received_at timestamp with time zone,
    CONSTRAINT pk_survey_submission_attachments PRIMARY KEY (id),
    CONSTRAINT "fk_survey_submission_attachments_survey_submissions_submission~" FOREIGN KEY (submission_id) REFERENCES survey_submissions (id) ON DELETE CASCADE
);
CREATE INDEX ix_survey_app_users_mission_id ON survey_app_users (mission_id);
CREATE INDEX ix_survey_app_users_survey_id ON survey_app_users (survey_id);
CREATE UNIQUE INDEX ix_survey_app_users_token_hash ON survey_app_users (token_hash);
CREATE UNIQUE INDEX ix_survey_form_media_version_id_name ON survey_form_media (version_id, name);
CREATE UNIQUE INDEX ix_survey_form_versions_form_id_version ON survey_form_versions (form_id, version);
CREATE UNIQUE INDEX ix_survey_forms_mission_id_xml_form_id ON survey_forms (mission_id, xml_form_id);
CREATE INDEX ix_survey_forms_survey_id ON survey_forms (survey_id);
CREATE UNIQUE INDEX ix_survey_submission_attachments_submission_id_name ON survey_submission_attachments (submission_id, name);
CREATE UNIQUE INDEX ix_survey_submissions_form_id_instance_id ON survey_submissions (form_id, instance_id);
CREATE INDEX ix_survey_submissions_form_id_received_at_id ON survey_submissions (form_id, received_at, id);
CREATE INDEX ix_survey_submissions_version_id ON survey_submissions (version_id);
CREATE INDEX ix_survey_team_members_user_id ON survey_team_members (user_id);
CREATE UNIQUE INDEX ix_surveys_mission_id_name ON surveys (mission_id, name);
