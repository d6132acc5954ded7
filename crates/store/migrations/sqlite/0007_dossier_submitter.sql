-- The citizen account (users.id) that submitted a dossier online, so that the applicant sees
-- their own dossiers; NULL for dossiers received at a desk and for imported ones.
ALTER TABLE dossiers ADD COLUMN submitted_by BIGINT;
CREATE INDEX dossiers_submitter ON dossiers (submitted_by, province, code);
