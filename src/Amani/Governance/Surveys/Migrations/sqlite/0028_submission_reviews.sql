-- Surveys: the review of submissions (issue 14). A submission gets a version (its ETag: a review sends it in If-Match);
-- each state change and each comment is a row of survey_submission_reviews (who, when, from, to, comment).

ALTER TABLE "survey_submissions" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
CREATE TABLE "survey_submission_reviews" (
    "id" TEXT NOT NULL CONSTRAINT "pk_survey_submission_reviews" PRIMARY KEY,
    "submission_id" TEXT NOT NULL,
    "user_id" TEXT NULL,
    "at" TEXT NOT NULL,
    "from_state" TEXT NULL,
    "to_state" TEXT NULL,
    "comment" TEXT NULL,
    CONSTRAINT "fk_survey_submission_reviews_survey_submissions_submission_id" FOREIGN KEY ("submission_id") REFERENCES "survey_submissions" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_survey_submission_reviews_submission_id_at" ON "survey_submission_reviews" ("submission_id", "at");
