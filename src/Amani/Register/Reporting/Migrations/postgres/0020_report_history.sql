-- Version 20: a community report's history (its moves during triage and its assignments) in the record toolkit's one
-- history shape, as incidents', alerts' and follow-ups' are.

CREATE TABLE report_status_changes (
    id uuid NOT NULL,
    report_id uuid NOT NULL,
    from_status character varying(24) NULL,
    to_status character varying(24) NULL,
    actor character varying(200) NOT NULL,
    actor_user_id uuid NULL,
    text character varying(500) NOT NULL,
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_report_status_changes PRIMARY KEY (id),
    CONSTRAINT fk_report_status_changes_community_reports_report_id FOREIGN KEY (report_id) REFERENCES community_reports (id) ON DELETE CASCADE
);

CREATE INDEX ix_report_status_changes_report_id_at ON report_status_changes (report_id, at);
