-- Version 1: missions, admin areas, organisations, users (ASP.NET Core Identity) with scoped role assignments,
-- the hash-chained audit log and the Data Protection key ring.

CREATE TABLE "audit_entries" (
    "sequence" INTEGER NOT NULL CONSTRAINT "pk_audit_entries" PRIMARY KEY,
    "occurred_at" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action_code" INTEGER NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NULL,
    "summary" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "previous_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

CREATE TABLE "data_protection_keys" (
    "id" TEXT NOT NULL CONSTRAINT "pk_data_protection_keys" PRIMARY KEY,
    "friendly_name" TEXT NULL,
    "xml" TEXT NOT NULL
);

CREATE TABLE "missions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_missions" PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "country_iso3" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE TABLE "organizations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_organizations" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "acronym" TEXT NULL,
    "kind" TEXT NOT NULL,
    "parent_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_organizations_organizations_parent_id" FOREIGN KEY ("parent_id") REFERENCES "organizations" ("id") ON DELETE RESTRICT
);

CREATE TABLE "users" (
    "id" TEXT NOT NULL CONSTRAINT "pk_users" PRIMARY KEY,
    "display_name" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "user_name" TEXT NULL,
    "normalized_user_name" TEXT NULL,
    "email" TEXT NULL,
    "normalized_email" TEXT NULL,
    "email_confirmed" INTEGER NOT NULL,
    "password_hash" TEXT NULL,
    "security_stamp" TEXT NULL,
    "concurrency_stamp" TEXT NULL,
    "phone_number" TEXT NULL,
    "phone_number_confirmed" INTEGER NOT NULL,
    "two_factor_enabled" INTEGER NOT NULL,
    "lockout_end" TEXT NULL,
    "lockout_enabled" INTEGER NOT NULL,
    "access_failed_count" INTEGER NOT NULL
);

CREATE TABLE "admin_areas" (
    "id" TEXT NOT NULL CONSTRAINT "pk_admin_areas" PRIMARY KEY,
    "mission_id" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "p_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parent_id" TEXT NULL,
    "path" TEXT NOT NULL,
    "geometry_geo_json" TEXT NULL,
    "centroid_latitude" REAL NULL,
    "centroid_longitude" REAL NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_admin_areas_admin_areas_parent_id" FOREIGN KEY ("parent_id") REFERENCES "admin_areas" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_admin_areas_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "user_claims" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_user_claims" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "fk_user_claims_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "user_logins" (
    "login_provider" TEXT NOT NULL,
    "provider_key" TEXT NOT NULL,
    "provider_display_name" TEXT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "pk_user_logins" PRIMARY KEY ("login_provider", "provider_key"),
    CONSTRAINT "fk_user_logins_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "user_tokens" (
    "user_id" TEXT NOT NULL,
    "login_provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NULL,
    CONSTRAINT "pk_user_tokens" PRIMARY KEY ("user_id", "login_provider", "name"),
    CONSTRAINT "fk_user_tokens_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "role_assignments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_role_assignments" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "mission_id" TEXT NULL,
    "area_id" TEXT NULL,
    "organization_id" TEXT NULL,
    "granted_at" TEXT NOT NULL,
    CONSTRAINT "fk_role_assignments_admin_areas_area_id" FOREIGN KEY ("area_id") REFERENCES "admin_areas" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_role_assignments_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_role_assignments_organizations_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_role_assignments_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_admin_areas_mission_id_p_code" ON "admin_areas" ("mission_id", "p_code");

CREATE INDEX "ix_admin_areas_mission_id_path" ON "admin_areas" ("mission_id", "path");

CREATE INDEX "ix_admin_areas_parent_id" ON "admin_areas" ("parent_id");

CREATE INDEX "ix_audit_entries_entity_type_entity_id" ON "audit_entries" ("entity_type", "entity_id");

CREATE UNIQUE INDEX "ix_missions_code" ON "missions" ("code");

CREATE UNIQUE INDEX "ix_organizations_name" ON "organizations" ("name");

CREATE INDEX "ix_organizations_parent_id" ON "organizations" ("parent_id");

CREATE INDEX "ix_role_assignments_area_id" ON "role_assignments" ("area_id");

CREATE INDEX "ix_role_assignments_mission_id" ON "role_assignments" ("mission_id");

CREATE INDEX "ix_role_assignments_organization_id" ON "role_assignments" ("organization_id");

CREATE INDEX "ix_role_assignments_user_id" ON "role_assignments" ("user_id");

CREATE INDEX "ix_user_claims_user_id" ON "user_claims" ("user_id");

CREATE INDEX "ix_user_logins_user_id" ON "user_logins" ("user_id");

CREATE INDEX "email_index" ON "users" ("normalized_email");

CREATE UNIQUE INDEX "user_name_index" ON "users" ("normalized_user_name");
