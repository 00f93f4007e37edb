-- Version 12: forecasts kept per mission, with the model version and the inputs' cut-off month (ViEWS month ids),
-- and their scores once the target month's data have arrived.

CREATE TABLE "forecasts" (
    "id" TEXT NOT NULL CONSTRAINT "pk_forecasts" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "unit_kind" TEXT NOT NULL,
    "unit_key" TEXT NOT NULL,
    "area_id" TEXT NULL,
    "model" TEXT NOT NULL,
    "model_version" TEXT NOT NULL,
    "cutoff_month" INTEGER NOT NULL,
    "target_month" INTEGER NOT NULL,
    "step" INTEGER NOT NULL,
    "origin_deaths" REAL NOT NULL,
    "log_change" REAL NOT NULL,
    "deaths" REAL NOT NULL,
    "p1" REAL NOT NULL,
    "p25" REAL NOT NULL,
    "p100" REAL NOT NULL,
    "q05" REAL NOT NULL,
    "q10" REAL NOT NULL,
    "q25" REAL NOT NULL,
    "q50" REAL NOT NULL,
    "q75" REAL NOT NULL,
    "q90" REAL NOT NULL,
    "q95" REAL NOT NULL,
    "created_at" TEXT NOT NULL,
    "actual_deaths" REAL NULL,
    "squared_error" REAL NULL,
    "tadda" REAL NULL,
    "scored_at" TEXT NULL,
    CONSTRAINT "fk_forecasts_admin_areas_area_id" FOREIGN KEY ("area_id") REFERENCES "admin_areas" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_forecasts_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_forecasts_area_id" ON "forecasts" ("area_id");
CREATE INDEX "ix_forecasts_scoring" ON "forecasts" ("mission_id", "scored_at", "target_month");
CREATE INDEX "ix_forecasts_unit_target" ON "forecasts" ("mission_id", "unit_kind", "unit_key", "target_month");
CREATE UNIQUE INDEX "ux_forecasts_identity" ON "forecasts" ("mission_id", "unit_kind", "unit_key", "model_version", "cutoff_month", "target_month");
