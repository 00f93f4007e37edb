-- Version 25: the lessons register — lessons learned and after-action reviews, their themes, links and history — and
-- its full-text index: an FTS5 table over the folded title and body, kept in step by triggers (see LessonSearch).

CREATE TABLE "lessons" (
    "id" TEXT NOT NULL CONSTRAINT "pk_lessons" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "happened_on" TEXT NULL,
    "observation" TEXT NULL,
    "discussion" TEXT NULL,
    "recommendation" TEXT NULL,
    "expected" TEXT NULL,
    "happened" TEXT NULL,
    "causes" TEXT NULL,
    "improvements" TEXT NULL,
    "area_id" TEXT NULL,
    "status" TEXT NOT NULL,
    "author_user_id" TEXT NOT NULL,
    "attributed" INTEGER NOT NULL,
    "follow_up_id" TEXT NULL,
    "search_title" TEXT NOT NULL,
    "search_body" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "validated_at" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_lessons_admin_areas_area_id" FOREIGN KEY ("area_id") REFERENCES "admin_areas" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_lessons_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT
);
CREATE TABLE "lesson_links" (
    "id" TEXT NOT NULL CONSTRAINT "pk_lesson_links" PRIMARY KEY,
    "lesson_id" TEXT NOT NULL,
    "record_type" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    CONSTRAINT "fk_lesson_links_lessons_lesson_id" FOREIGN KEY ("lesson_id") REFERENCES "lessons" ("id") ON DELETE CASCADE
);
CREATE TABLE "lesson_status_changes" (
    "id" TEXT NOT NULL CONSTRAINT "pk_lesson_status_changes" PRIMARY KEY,
    "lesson_id" TEXT NOT NULL,
    "from_status" TEXT NULL,
    "to_status" TEXT NULL,
    "actor" TEXT NOT NULL,
    "actor_user_id" TEXT NULL,
    "text" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    CONSTRAINT "fk_lesson_status_changes_lessons_lesson_id" FOREIGN KEY ("lesson_id") REFERENCES "lessons" ("id") ON DELETE CASCADE
);
CREATE TABLE "lesson_themes" (
    "lesson_id" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    CONSTRAINT "pk_lesson_themes" PRIMARY KEY ("lesson_id", "theme"),
    CONSTRAINT "fk_lesson_themes_lessons_lesson_id" FOREIGN KEY ("lesson_id") REFERENCES "lessons" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_lesson_links_lesson_id" ON "lesson_links" ("lesson_id");
CREATE INDEX "ix_lesson_links_record_type_record_id" ON "lesson_links" ("record_type", "record_id");
CREATE INDEX "ix_lesson_status_changes_lesson_id_at" ON "lesson_status_changes" ("lesson_id", "at");
CREATE INDEX "ix_lesson_themes_theme" ON "lesson_themes" ("theme");
CREATE INDEX "ix_lessons_area_id" ON "lessons" ("area_id");
CREATE INDEX "ix_lessons_mission_id_updated_at_id" ON "lessons" ("mission_id", "updated_at", "id");

-- The index keeps its own copy of the folded texts, keyed by the lesson's id (an external-content table would key on the
-- lessons' implicit rowid, which VACUUM may renumber). Lessons are archived, never deleted; the delete trigger is for
-- completeness. unicode61 with remove_diacritics 2 folds what the application's folding missed.
CREATE VIRTUAL TABLE "lessons_fts" USING fts5("lesson_id" UNINDEXED, "search_title", "search_body", tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER "lessons_fts_insert" AFTER INSERT ON "lessons" BEGIN
    INSERT INTO "lessons_fts" ("lesson_id", "search_title", "search_body") VALUES (new."id", new."search_title", new."search_body");
END;

CREATE TRIGGER "lessons_fts_update" AFTER UPDATE OF "search_title", "search_body" ON "lessons" BEGIN
    DELETE FROM "lessons_fts" WHERE "lesson_id" = old."id";
    INSERT INTO "lessons_fts" ("lesson_id", "search_title", "search_body") VALUES (new."id", new."search_title", new."search_body");
END;

CREATE TRIGGER "lessons_fts_delete" AFTER DELETE ON "lessons" BEGIN
    DELETE FROM "lessons_fts" WHERE "lesson_id" = old."id";
END;
