-- Version 13: incidents by mission and time of last change, so that the dashboard map's in-memory point index of
-- each server node reads only the incidents changed since its copy (an index range, usually empty).

CREATE INDEX "ix_incidents_mission_id_updated_at" ON "incidents" ("mission_id", "updated_at");
