-- Version 8: ViEWS/UCDP country-month aggregates (reference data for forecasting, shared by all missions), keyed by
-- ViEWS' country_id and month_id = (year - 1980) * 12 + month.

CREATE TABLE country_months (
    country_id integer NOT NULL,
    month_id integer NOT NULL,
    year integer NOT NULL,
    month integer NOT NULL,
    iso3 character varying(3),
    country_name character varying(200),
    ged_best_sb integer NOT NULL,
    ged_best_ns integer NOT NULL,
    ged_best_os integer NOT NULL,
    ged_count_sb integer,
    ged_count_ns integer,
    ged_count_os integer,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_country_months PRIMARY KEY (country_id, month_id)
);

CREATE INDEX ix_country_months_month_id ON country_months (month_id);
