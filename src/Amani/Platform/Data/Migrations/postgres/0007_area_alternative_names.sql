-- Version 7: alternative names of admin areas (English, French, variants), for matching place names to areas.

ALTER TABLE admin_areas ADD COLUMN alternative_names character varying(2000);
