-- Version 8: ViEWS/UCDP country-month aggregates (reference data for forecasting, shared by all missions), keyed by
-- ViEWS' country_id and month_id = (year - 1980) * 12 + month.

CREATE TABLE "country_months" (
    "country_id" INTEGER NOT NULL,
    "month_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "iso3" TEXT NULL,
    "country_name" TEXT NULL,
    "ged_best_sb" INTEGER NOT NULL,
    "ged_best_ns" INTEGER NOT NULL,
    "ged_best_os" INTEGER NOT NULL,
    "ged_count_sb" INTEGER NULL,
    "ged_count_ns" INTEGER NULL,
    "ged_count_os" INTEGER NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "pk_country_months" PRIMARY KEY ("country_id", "month_id")
);

CREATE INDEX "ix_country_months_month_id" ON "country_months" ("month_id");
