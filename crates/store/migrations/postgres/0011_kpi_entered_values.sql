-- Figures of the QĐ 766 index that cchc cannot hold, entered by a PAR administrator per unit,
-- period (a month, quarter or year: its first and last day) and row: a numerator and a
-- denominator for national data, the denominator alone (numerator NULL) for the rows whose
-- numerator cchc counts. A row without a value stays not computable.
CREATE TABLE kpi_entered_values (
    unit TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    metric TEXT NOT NULL,
    numerator BIGINT,
    denominator BIGINT NOT NULL,
    entered_by TEXT NOT NULL,
    entered_at BIGINT NOT NULL,
    PRIMARY KEY (unit, period_start, period_end, metric)
);
