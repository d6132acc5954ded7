-- Procedure catalogue with effective-dated versions; one-stop dossiers (current projection and
-- events); per-unit daily counters for dossier codes. The high-volume tables lead their keys
-- with the province code (the first group of the unit code, e.g. H31) so that they can be
-- distributed by it later. JSON is stored as text on both backends.
CREATE TABLE procedures (
    code TEXT PRIMARY KEY,
    national_code TEXT NOT NULL,
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    sector_code TEXT,
    sector_name TEXT NOT NULL,
    level TEXT NOT NULL,
    unit_kind TEXT NOT NULL,
    unit_name TEXT,
    search_folded TEXT NOT NULL,
    provenance TEXT NOT NULL,
    imported_at INTEGER NOT NULL
);
CREATE INDEX procedures_name ON procedures (name_folded);

CREATE TABLE procedure_versions (
    procedure_code TEXT NOT NULL REFERENCES procedures (code) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    time_value INTEGER NOT NULL,
    time_unit TEXT NOT NULL,
    same_day_cutoff TEXT,
    online_level TEXT NOT NULL,
    result_type TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (procedure_code, version)
);

CREATE TABLE dossiers (
    province TEXT NOT NULL,
    code TEXT NOT NULL,
    receiving_unit TEXT NOT NULL,
    competent_unit TEXT NOT NULL,
    holder_unit TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    procedure_version INTEGER NOT NULL,
    rule_set TEXT,
    channel INTEGER NOT NULL,
    status INTEGER NOT NULL,
    applicant_name TEXT NOT NULL,
    applicant_folded TEXT NOT NULL,
    applicant_id_number TEXT,
    applicant_phone TEXT,
    applicant_address TEXT,
    submitted_at INTEGER,
    received_at INTEGER,
    due_legal_at INTEGER,
    due_kpi_at INTEGER,
    finished_at INTEGER,
    returned_at INTEGER,
    supplement_count INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    state TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (province, code)
);
CREATE INDEX dossiers_inbox ON dossiers (province, holder_unit, status, due_legal_at);
CREATE INDEX dossiers_competent ON dossiers (province, competent_unit, status, due_legal_at);
CREATE INDEX dossiers_received ON dossiers (province, receiving_unit, received_at);
CREATE INDEX dossiers_status_due ON dossiers (province, status, due_legal_at);

CREATE TABLE dossier_events (
    province TEXT NOT NULL,
    code TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at_ms INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    unit TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (province, code, seq),
    FOREIGN KEY (province, code) REFERENCES dossiers (province, code)
);

CREATE TABLE dossier_counters (
    province TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    day TEXT NOT NULL,
    last_seq INTEGER NOT NULL,
    PRIMARY KEY (province, unit_code, day)
);
