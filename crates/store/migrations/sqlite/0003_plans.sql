-- Reform plans (KH 204/KH-UBND and its successors): plans with their targets, tasks and
-- section III items, links of unit plans to the plan they refine, reported indicator values,
-- task progress, reminders and in-app notices.

-- One row per plan; `document` is the whole plan as parsed (JSON of cchc_domain::plan::Plan),
-- the rows below repeat its items so that values, progress and reminders can refer to them.
CREATE TABLE plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_key TEXT NOT NULL UNIQUE,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    year INTEGER NOT NULL,
    issuer_code TEXT NOT NULL,
    parent_id INTEGER REFERENCES plans (id),
    cloned_from INTEGER REFERENCES plans (id),
    document TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX plans_year ON plans (year);
CREATE INDEX plans_parent ON plans (parent_id);

-- Headline goals (area NULL) and the targets of the areas.
CREATE TABLE plan_targets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    local_id TEXT NOT NULL,
    area INTEGER,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    thresholds TEXT NOT NULL,
    UNIQUE (plan_id, local_id)
);

-- Tasks of the areas and of the appendix; `completed_on` is set by progress updates.
CREATE TABLE plan_tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    local_id TEXT NOT NULL,
    area INTEGER NOT NULL,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    lead_unit TEXT NOT NULL,
    cooperating TEXT NOT NULL,
    deadline TEXT NOT NULL,
    completed_on TEXT,
    UNIQUE (plan_id, local_id)
);
CREATE INDEX plan_tasks_lead ON plan_tasks (lead_unit);

-- Section III: one row per item of a body.
CREATE TABLE plan_responsibilities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    body INTEGER NOT NULL,
    body_name TEXT NOT NULL,
    local_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    label TEXT,
    text TEXT NOT NULL,
    UNIQUE (plan_id, local_id)
);

-- A unit plan's target or task refining a target or task of its parent plan.
CREATE TABLE plan_links (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    child_plan_id INTEGER NOT NULL REFERENCES plans (id),
    child_item TEXT NOT NULL,
    parent_plan_id INTEGER NOT NULL REFERENCES plans (id),
    parent_item TEXT NOT NULL,
    UNIQUE (child_plan_id, child_item, parent_item)
);
CREATE INDEX plan_links_parent ON plan_links (parent_plan_id);

-- Values of reported indicators, per unit, tier ('' for none) and period, with evidence.
CREATE TABLE indicator_values (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    indicator TEXT NOT NULL,
    scope_unit TEXT NOT NULL,
    tier TEXT NOT NULL DEFAULT '',
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    value REAL NOT NULL,
    note TEXT NOT NULL,
    evidence TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('submitted', 'approved', 'returned')),
    reporting_unit TEXT NOT NULL,
    reported_by TEXT NOT NULL,
    reported_at INTEGER NOT NULL,
    reviewed_by TEXT,
    reviewed_at INTEGER,
    review_note TEXT
);
CREATE INDEX indicator_values_lookup ON indicator_values (indicator, scope_unit, state);

-- Progress reports on a task, with evidence; one may report the task completed.
CREATE TABLE plan_task_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id INTEGER NOT NULL REFERENCES plan_tasks (id),
    at_ms INTEGER NOT NULL,
    actor TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    note TEXT NOT NULL,
    percent INTEGER,
    completed_on TEXT,
    evidence TEXT NOT NULL
);
CREATE INDEX plan_task_updates_task ON plan_task_updates (task_id);

-- One reminder per task and kind (before_7, before_3, before_1, overdue): the job inserts
-- if absent, so it sends each once even with several instances.
CREATE TABLE plan_reminders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id INTEGER NOT NULL REFERENCES plan_tasks (id),
    kind TEXT NOT NULL,
    reached_on TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (task_id, kind)
);

-- In-app notices to a unit (a code or a group such as group:districts) or to a user.
CREATE TABLE notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_ref TEXT,
    user_id INTEGER REFERENCES users (id),
    kind TEXT NOT NULL,
    entity TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER
);
CREATE INDEX notices_unit ON notices (unit_ref, read_at);
CREATE INDEX notices_user ON notices (user_id, read_at);
