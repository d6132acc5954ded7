-- The change log of dossier statistics facts (issue 5, item 6): every transaction that writes
-- dossiers (the dossier writer's batches, creations included, and `cchc import dossiers`)
-- records, in the same transaction, each dossier whose facts changed (old facts JSON or NULL
-- for a new dossier, new facts JSON) under its transaction number `txn`, and at its end one
-- row of dossier_change_commits numbered by dossier_change_head.last_seq. The head row is
-- updated just before the commit and stays locked until then, so commit numbers are dense
-- and in commit order on both backends: a reader that applied every commit up to `seq` and
-- then reads `seq > n` misses nothing. Commits older than the retention window are pruned
-- by the servers that applied them. `rebuilds` counts requests to rebuild the live
-- aggregates (`cchc kpi rebuild`).
CREATE TABLE dossier_change_head (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    last_seq BIGINT NOT NULL,
    last_txn BIGINT NOT NULL,
    rebuilds BIGINT NOT NULL
);
INSERT INTO dossier_change_head (id, last_seq, last_txn, rebuilds) VALUES (1, 0, 0, 0);

CREATE TABLE dossier_change_commits (
    seq BIGINT PRIMARY KEY,
    txn BIGINT NOT NULL UNIQUE,
    changes BIGINT NOT NULL,
    committed_at BIGINT NOT NULL
);
CREATE INDEX dossier_change_commits_at ON dossier_change_commits (committed_at);
CREATE TABLE dossier_changes (
    txn BIGINT NOT NULL,
    n BIGINT NOT NULL,
    code TEXT NOT NULL,
    old_facts TEXT,
    new_facts TEXT,
    PRIMARY KEY (txn, n)
);
