-- The PAR Index (Chỉ số CCHC) of the province's own units: criteria templates, a campaign per
-- year and template with the units it scores, and the scores of each round. Points are kept
-- as exact decimal text; a NULL `points` declares the criterion not applicable.
CREATE TABLE par_templates (
    code TEXT PRIMARY KEY,
    year BIGINT NOT NULL,
    unit_group TEXT NOT NULL,
    document TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL
);

CREATE TABLE par_campaigns (
    year BIGINT NOT NULL,
    template_code TEXT NOT NULL REFERENCES par_templates (code),
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (year, template_code)
);

CREATE TABLE par_campaign_units (
    year BIGINT NOT NULL,
    template_code TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    unit_name TEXT NOT NULL,
    PRIMARY KEY (year, template_code, unit_code),
    FOREIGN KEY (year, template_code) REFERENCES par_campaigns (year, template_code)
);

-- One row per unit, criterion (empty for a bonus or a penalty) and stage; a later import of
-- the same key replaces it.
CREATE TABLE par_scores (
    year BIGINT NOT NULL,
    template_code TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    criterion TEXT NOT NULL,
    stage TEXT NOT NULL,
    points TEXT,
    note TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (year, template_code, unit_code, criterion, stage),
    FOREIGN KEY (year, template_code, unit_code)
        REFERENCES par_campaign_units (year, template_code, unit_code)
);
