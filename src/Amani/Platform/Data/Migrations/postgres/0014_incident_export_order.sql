-- Version 14: incidents by mission and id, the order of the exports. Ids are UUID version 7 (time-ordered), so this
-- walks a mission's incidents in the order they were recorded, which is also the order of the rows on disk: a
-- million-row export reads the table sequentially and sends its first row at once, with no sort before it.

CREATE INDEX ix_incidents_mission_id_id ON incidents (mission_id, id);
