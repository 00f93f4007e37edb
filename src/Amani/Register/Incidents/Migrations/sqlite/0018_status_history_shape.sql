-- Version 18: an incident's status history takes the record toolkit's one history shape (as alerts' and follow-ups'
-- have): from_status, to_status, actor, actor_user_id, text, at.

ALTER TABLE "incident_status_changes" RENAME COLUMN "from" TO "from_status";
ALTER TABLE "incident_status_changes" RENAME COLUMN "to" TO "to_status";
ALTER TABLE "incident_status_changes" RENAME COLUMN "reason" TO "text";
ALTER TABLE "incident_status_changes" ADD COLUMN "actor_user_id" TEXT NULL;
