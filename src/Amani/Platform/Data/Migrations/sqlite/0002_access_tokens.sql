-- Version 2: personal access tokens and one-time set-up tokens.

CREATE TABLE "setup_tokens" (
    "id" TEXT NOT NULL CONSTRAINT "pk_setup_tokens" PRIMARY KEY,
    "secret_hash" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "used_at" TEXT NULL
);

CREATE TABLE "access_tokens" (
    "id" TEXT NOT NULL CONSTRAINT "pk_access_tokens" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "revoked_at" TEXT NULL,
    "last_used_at" TEXT NULL,
    CONSTRAINT "fk_access_tokens_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_access_tokens_secret_hash" ON "access_tokens" ("secret_hash");

CREATE INDEX "ix_access_tokens_user_id" ON "access_tokens" ("user_id");

CREATE UNIQUE INDEX "ix_setup_tokens_secret_hash" ON "setup_tokens" ("secret_hash");
