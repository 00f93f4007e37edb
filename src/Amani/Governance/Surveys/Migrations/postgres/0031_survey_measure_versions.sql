-- Version 31: survey measures are changed with If-Match: their version, the ETag.

ALTER TABLE survey_measures ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE survey_measures ADD COLUMN updated_at timestamp with time zone;
