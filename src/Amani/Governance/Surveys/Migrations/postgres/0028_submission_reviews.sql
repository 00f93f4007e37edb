-- Surveys: the review of submissions (issue 14). A submission gets a version (its ETag: a review sends it in If-Match);
-- each state change and each comment is a row of survey_submission_reviews (who, when, from, to, comment).

ALTER TABLE survey_submissions ADD COLUMN version integer NOT NULL DEFAULT 1;
CREATE TABLE survey_submission_reviews (
    id uuid NOT NULL,
    submission_id uuid NOT NULL,
    user_id uuid,
    at timestamp with time zone NOT NULL,
    from_state character varying(24),
    to_state character varying(24),
    comment character varying(4000),
    CONSTRAINT pk_survey_submission_reviews PRIMARY KEY (id),
    CONSTRAINT "fk_survey_submission_reviews_survey_submissions_submission_id" FOREIGN KEY (submission_id) REFERENCES survey_submissions (id) ON DELETE CASCADE
);
CREATE INDEX ix_survey_submission_reviews_submission_id_at ON survey_submission_reviews (submission_id, at);
