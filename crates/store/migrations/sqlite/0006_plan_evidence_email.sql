-- Evidence files of reported values and task progress, and the e-mail delivery of plan
-- reminders (one e-mail per reminder row, claimed by one instance at a time).

-- A file attached to a reported value or to a progress update (exactly one of the two).
CREATE TABLE plan_evidence (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    value_id INTEGER REFERENCES indicator_values (id),
    update_id INTEGER REFERENCES plan_task_updates (id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL,
    CHECK ((value_id IS NULL) <> (update_id IS NULL))
);
CREATE INDEX plan_evidence_value ON plan_evidence (value_id);
CREATE INDEX plan_evidence_update ON plan_evidence (update_id);

-- E-mail of a reminder: pending → sent, or failed (retried from email_next_at), or skipped
-- (no recipient address, or reached too long before e-mail was configured). An instance
-- claims a row until email_claimed_until before sending it.
ALTER TABLE plan_reminders ADD COLUMN email_state TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE plan_reminders ADD COLUMN email_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE plan_reminders ADD COLUMN email_error TEXT;
ALTER TABLE plan_reminders ADD COLUMN email_next_at INTEGER;
ALTER TABLE plan_reminders ADD COLUMN email_claimed_until INTEGER;
ALTER TABLE plan_reminders ADD COLUMN email_sent_at INTEGER;
CREATE INDEX plan_reminders_email ON plan_reminders (email_state);
