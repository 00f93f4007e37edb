-- Version 10: incident aggregates per admin area and per PRIO-GRID cell, month (ViEWS month_id) and violence type,
-- kept up to date through stale-slice markers, and each mission's aggregates' version (the hot-spot cache key).
-- The aggregate tables are derived data without foreign keys (rebuilt in bulk; every row is recomputable).
-- Existing missions are marked stale as a whole, so the server computes their aggregates once after the upgrade.

CREATE TABLE "aggregate_dirty_slices" (
    "id" TEXT NOT NULL CONSTRAINT "pk_aggregate_dirty_slices" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "month_id" INTEGER NULL
);

CREATE INDEX "ix_aggregate_dirty_slices_mission_id" ON "aggregate_dirty_slices" ("mission_id");

CREATE TABLE "aggregate_states" (
    "mission_id" TEXT NOT NULL CONSTRAINT "pk_aggregate_states" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "refreshed_at" TEXT NOT NULL,
    CONSTRAINT "fk_aggregate_states_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "area_month_aggregates" (
    "area_id" TEXT NOT NULL,
    "month_id" INTEGER NOT NULL,
    "violence" TEXT NOT NULL,
    "confidentiality" TEXT NOT NULL,
    "mission_id" TEXT NOT NULL,
    "events" INTEGER NOT NULL,
    "fatalities_best" INTEGER NOT NULL,
    "fatalities_low" INTEGER NOT NULL,
    "fatalities_high" INTEGER NOT NULL,
    CONSTRAINT "pk_area_month_aggregates" PRIMARY KEY ("area_id", "month_id", "violence", "confidentiality")
);

CREATE INDEX "ix_area_month_aggregates_mission_id_month_id" ON "area_month_aggregates" ("mission_id", "month_id");

CREATE TABLE "cell_month_aggregates" (
    "mission_id" TEXT NOT NULL,
    "cell" INTEGER NOT NULL,
    "month_id" INTEGER NOT NULL,
    "violence" TEXT NOT NULL,
    "confidentiality" TEXT NOT NULL,
    "events" INTEGER NOT NULL,
    "fatalities_best" INTEGER NOT NULL,
    "fatalities_low" INTEGER NOT NULL,
    "fatalities_high" INTEGER NOT NULL,
    CONSTRAINT "pk_cell_month_aggregates" PRIMARY KEY ("mission_id", "month_id", "cell", "violence", "confidentiality")
);

INSERT INTO "aggregate_dirty_slices" ("id", "mission_id", "month_id")
SELECT hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)), "id", NULL
FROM "missions";
