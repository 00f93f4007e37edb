-- Version 21: publishing an incident's description takes a second person: who asked, who approved, when.

ALTER TABLE "incidents" ADD COLUMN "publication_requested_by_user_id" TEXT NULL;
ALTER TABLE "incidents" ADD COLUMN "publication_requested_at" TEXT NULL;
ALTER TABLE "incidents" ADD COLUMN "published_by_user_id" TEXT NULL;
ALTER TABLE "incidents" ADD COLUMN "published_at" TEXT NULL;
