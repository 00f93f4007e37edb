-- Version 22: the audit chain is keyed (HMAC-SHA256 with a key kept outside the database). The rows written before
-- keep their unkeyed SHA-256 and say so; the first keyed row (this upgrade's own audit row) chains onto the last of
-- them. (SQLite cannot drop a column's default; Amani always names the scheme of the rows it writes.)

ALTER TABLE "audit_entries" ADD COLUMN "hash_scheme" TEXT NOT NULL DEFAULT 'Sha256';
ALTER TABLE "audit_entries" ADD COLUMN "key_id" TEXT NULL;
