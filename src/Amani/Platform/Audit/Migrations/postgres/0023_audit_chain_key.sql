-- Version 22: the audit chain is keyed (HMAC-SHA256 with a key kept outside the database). The rows written before
-- keep their unkeyed SHA-256 and say so; the first keyed row (this upgrade's own audit row) chains onto the last of
-- them. The default only marks the existing rows: dropped at once, so that a node of an older version, which would
-- append unkeyed rows, cannot write into the keyed chain.

ALTER TABLE audit_entries ADD COLUMN hash_scheme character varying(16) NOT NULL DEFAULT 'Sha256';
ALTER TABLE audit_entries ALTER COLUMN hash_scheme DROP DEFAULT;
ALTER TABLE audit_entries ADD COLUMN key_id character varying(16) NULL;
