-- Version 9: import jobs — uploads through the API run in the background, with progress, a lease (the node running
-- the job and until when) so that of several nodes exactly one runs a job, and a lapsed lease lets another node re-run it.

CREATE TABLE "import_jobs" (
    "id" TEXT NOT NULL CONSTRAINT "pk_import_jobs" PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "mission_id" TEXT NULL,
    "level" INTEGER NULL,
    "file_name" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "cancel_requested" INTEGER NOT NULL,
    "bytes_read" INTEGER NOT NULL,
    "rows_read" INTEGER NOT NULL,
    "rows_per_second" REAL NOT NULL,
    "eta_seconds" INTEGER NULL,
    "progress_at" TEXT NULL,
    "rows_inserted" INTEGER NOT NULL,
    "rows_updated" INTEGER NOT NULL,
    "rows_unchanged" INTEGER NOT NULL,
    "rows_rejected" INTEGER NOT NULL,
    "encoding" TEXT NULL,
    "error" TEXT NULL,
    "requested_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "started_at" TEXT NULL,
    "finished_at" TEXT NULL,
    "attempts" INTEGER NOT NULL,
    "lease_owner" TEXT NULL,
    "lease_expires_at" TEXT NULL,
    CONSTRAINT "fk_import_jobs_missions_mission_id" FOREIGN KEY ("mission_id") REFERENCES "missions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_import_jobs_users_requested_by" FOREIGN KEY ("requested_by") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_import_jobs_created_at" ON "import_jobs" ("created_at");

CREATE INDEX "ix_import_jobs_mission_id" ON "import_jobs" ("mission_id");

CREATE INDEX "ix_import_jobs_requested_by" ON "import_jobs" ("requested_by");

CREATE INDEX "ix_import_jobs_status_lease_expires_at" ON "import_jobs" ("status", "lease_expires_at");
