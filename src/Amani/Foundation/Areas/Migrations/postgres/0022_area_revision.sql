-- Version 22: an area's revision, raised whenever its name or boundary changes; the served boundary layers are cached by
-- the mission's (number of areas, sum of revisions), which any insert or change moves.

ALTER TABLE admin_areas ADD COLUMN revision integer NOT NULL DEFAULT 1;
