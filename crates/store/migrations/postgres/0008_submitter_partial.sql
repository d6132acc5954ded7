-- Only dossiers submitted online by a citizen account carry `submitted_by`; the others (desk,
-- postal, imported: most rows) need no entry in its index. Lookups by account
-- (`submitted_by = ?`) imply `submitted_by IS NOT NULL`, so both backends still use it.
DROP INDEX dossiers_submitter;
CREATE INDEX dossiers_submitter ON dossiers (submitted_by, province, code)
    WHERE submitted_by IS NOT NULL;
