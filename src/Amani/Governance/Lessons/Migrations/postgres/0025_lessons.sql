-- Version 25: the lessons register — lessons learned and after-action reviews, their themes, links and history — and
-- its full-text index: a generated tsvector of the folded title (weight A) and body (weight B) under a GIN index.

CREATE TABLE lessons (
    id uuid NOT NULL,
    mission_id uuid NOT NULL,
    kind character varying(24) NOT NULL,
    title character varying(200) NOT NULL,
    happened_on date,
    observation character varying(8000),
    discussion character varying(8000),
    recommendation character varying(8000),
    expected character varying(8000),
    happened character varying(8000),
    causes character varying(8000),
    improvements character varying(8000),
    area_id uuid,
    status character varying(24) NOT NULL,
    author_user_id uuid NOT NULL,
    attributed boolean NOT NULL,
    follow_up_id uuid,
    search_title text NOT NULL,
    search_body text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    validated_at timestamp with time zone,
    version integer NOT NULL,
    CONSTRAINT pk_lessons PRIMARY KEY (id),
    CONSTRAINT fk_lessons_admin_areas_area_id FOREIGN KEY (area_id) REFERENCES admin_areas (id) ON DELETE RESTRICT,
    CONSTRAINT fk_lessons_missions_mission_id FOREIGN KEY (mission_id) REFERENCES missions (id) ON DELETE RESTRICT
);
CREATE TABLE lesson_links (
    id uuid NOT NULL,
    lesson_id uuid NOT NULL,
    record_type character varying(40) NOT NULL,
    record_id uuid NOT NULL,
    CONSTRAINT pk_lesson_links PRIMARY KEY (id),
    CONSTRAINT fk_lesson_links_lessons_lesson_id FOREIGN KEY (lesson_id) REFERENCES lessons (id) ON DELETE CASCADE
);
CREATE TABLE lesson_status_changes (
    id uuid NOT NULL,
    lesson_id uuid NOT NULL,
    from_status character varying(24),
    to_status character varying(24),
    actor character varying(200) NOT NULL,
    actor_user_id uuid,
    text character varying(1000) NOT NULL,
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_lesson_status_changes PRIMARY KEY (id),
    CONSTRAINT fk_lesson_status_changes_lessons_lesson_id FOREIGN KEY (lesson_id) REFERENCES lessons (id) ON DELETE CASCADE
);
CREATE TABLE lesson_themes (
    lesson_id uuid NOT NULL,
    theme character varying(40) NOT NULL,
    CONSTRAINT pk_lesson_themes PRIMARY KEY (lesson_id, theme),
    CONSTRAINT fk_lesson_themes_lessons_lesson_id FOREIGN KEY (lesson_id) REFERENCES lessons (id) ON DELETE CASCADE
);
CREATE INDEX ix_lesson_links_lesson_id ON lesson_links (lesson_id);
CREATE INDEX ix_lesson_links_record_type_record_id ON lesson_links (record_type, record_id);
CREATE INDEX ix_lesson_status_changes_lesson_id_at ON lesson_status_changes (lesson_id, at);
CREATE INDEX ix_lesson_themes_theme ON lesson_themes (theme);
CREATE INDEX ix_lessons_area_id ON lessons (area_id);
CREATE INDEX ix_lessons_mission_id_updated_at_id ON lessons (mission_id, updated_at, id);

-- The 'simple' configuration: no stemming and no stop words (the texts are in English and French); the application folds
-- case and accents before it stores the texts (unaccent is an extension a server may lack).
ALTER TABLE lessons ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, search_title), 'A') || setweight(to_tsvector('simple'::regconfig, search_body), 'B')) STORED;

CREATE INDEX ix_lessons_search_vector ON lessons USING gin (search_vector);
