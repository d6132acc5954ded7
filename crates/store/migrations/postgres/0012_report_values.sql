-- Periodic reporting: the values each reporting unit gives for a regime's indicators in one
-- period (regime × period × unit × indicator). `value` is the canonical text of the typed
-- value (a plain decimal, the text, or 1/0); `state` is `imported` (counted by roll-ups),
-- later `approved`. `regimes_version` is the version of data/report/regimes.toml the value
-- was checked against.
CREATE TABLE report_values (
    regime TEXT NOT NULL,
    period TEXT NOT NULL,
    unit TEXT NOT NULL,
    indicator TEXT NOT NULL,
    value TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'imported',
    regimes_version BIGINT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (regime, period, unit, indicator)
);
