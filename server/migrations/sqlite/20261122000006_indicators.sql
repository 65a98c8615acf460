-- Campaign indicators (seed 002 §II.4): settings the counting depends on, where each
-- team sat over time, the counts of each team-month kept with every record write, and
-- campaigns with their phases and targets as data.

-- One row. Changing either value means recounting (`antt recompute`).
CREATE TABLE indicator_settings (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    report_start_day  INTEGER NOT NULL DEFAULT 1 CHECK (report_start_day BETWEEN 1 AND 28),
    in_time_minutes   INTEGER NOT NULL DEFAULT 30 CHECK (in_time_minutes > 0)
);
INSERT INTO indicator_settings (id) VALUES (1);

-- The commune a team belonged to from a report month on: old months roll up where
-- the team was then, after it moves.
CREATE TABLE team_placements (
    team_id     INTEGER NOT NULL REFERENCES teams(id),
    commune_id  INTEGER NOT NULL REFERENCES org_units(id),
    from_month  TEXT NOT NULL,
    PRIMARY KEY (team_id, from_month)
);
INSERT INTO team_placements (team_id, commune_id, from_month)
    SELECT id, commune_id, '0001-01' FROM teams;

-- What a team did in a report month, counted (app/src/domain/indicators/measures.rs).
-- A month without a row counted nothing.
CREATE TABLE team_month_counts (
    team_id             INTEGER NOT NULL REFERENCES teams(id),
    month               TEXT NOT NULL,
    -- Where the team sat that month (team_placements), so units add up without a join.
    commune_id          INTEGER NOT NULL REFERENCES org_units(id),
    members_patrolled    INTEGER NOT NULL DEFAULT 0,
    tips_via_force       INTEGER NOT NULL DEFAULT 0,
    tips_direct          INTEGER NOT NULL DEFAULT 0,
    incidents            INTEGER NOT NULL DEFAULT 0,
    incidents_in_time    INTEGER NOT NULL DEFAULT 0,
    call_outs            INTEGER NOT NULL DEFAULT 0,
    call_outs_in_time    INTEGER NOT NULL DEFAULT 0,
    business_checks      INTEGER NOT NULL DEFAULT 0,
    business_violations  INTEGER NOT NULL DEFAULT 0,
    households_gathered  INTEGER NOT NULL DEFAULT 0,
    households_passed    INTEGER NOT NULL DEFAULT 0,
    weapons_cases        INTEGER NOT NULL DEFAULT 0,
    people_helped        INTEGER NOT NULL DEFAULT 0,
    reoffences           INTEGER NOT NULL DEFAULT 0,
    serious_accidents    INTEGER NOT NULL DEFAULT 0,
    good_deed_month      INTEGER NOT NULL DEFAULT 0,
    model_month          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (team_id, month)
);
CREATE INDEX team_month_counts_commune ON team_month_counts(commune_id, month);
CREATE INDEX team_month_counts_models ON team_month_counts(model_month, month, commune_id, team_id);

-- The same counts added up per commune and month, kept with them: a province's table
-- reads a row per commune-month. `model_month` here counts the teams with a model that
-- month; over several months the teams are counted from team_month_counts.
CREATE TABLE commune_month_counts (
    commune_id          INTEGER NOT NULL REFERENCES org_units(id),
    month               TEXT NOT NULL,
    members_patrolled    INTEGER NOT NULL DEFAULT 0,
    tips_via_force       INTEGER NOT NULL DEFAULT 0,
    tips_direct          INTEGER NOT NULL DEFAULT 0,
    incidents            INTEGER NOT NULL DEFAULT 0,
    incidents_in_time    INTEGER NOT NULL DEFAULT 0,
    call_outs            INTEGER NOT NULL DEFAULT 0,
    call_outs_in_time    INTEGER NOT NULL DEFAULT 0,
    business_checks      INTEGER NOT NULL DEFAULT 0,
    business_violations  INTEGER NOT NULL DEFAULT 0,
    households_gathered  INTEGER NOT NULL DEFAULT 0,
    households_passed    INTEGER NOT NULL DEFAULT 0,
    weapons_cases        INTEGER NOT NULL DEFAULT 0,
    people_helped        INTEGER NOT NULL DEFAULT 0,
    reoffences           INTEGER NOT NULL DEFAULT 0,
    serious_accidents    INTEGER NOT NULL DEFAULT 0,
    good_deed_month      INTEGER NOT NULL DEFAULT 0,
    model_month          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (commune_id, month)
);

CREATE TABLE campaigns (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    theme          TEXT NOT NULL DEFAULT '',
    issued_by      TEXT NOT NULL DEFAULT '',
    scope_unit_id  INTEGER NOT NULL REFERENCES org_units(id),
    starts_on      TEXT NOT NULL,
    ends_on        TEXT NOT NULL
);

CREATE TABLE campaign_phases (
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    starts_on    TEXT NOT NULL,
    ends_on      TEXT NOT NULL,
    PRIMARY KEY (campaign_id, position)
);

CREATE TABLE campaign_targets (
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    indicator    TEXT NOT NULL,
    comparison   TEXT NOT NULL CHECK (comparison IN ('at_least', 'more_than', 'exactly', 'at_most', 'less_than')),
    threshold    REAL NOT NULL,
    PRIMARY KEY (campaign_id, indicator)
);

-- Categories the indicators of §4.4 and §4.6 count.
UPDATE categories SET position = 20 WHERE domain = 'incident' AND code = 'other';
INSERT INTO categories (domain, code, name_vi, name_en, position) VALUES
    ('incident', 'weapons',                  'Tàng trữ, sử dụng trái phép vũ khí, vật liệu nổ', 'Illegal weapons or explosives', 14),
    ('incident', 'serious_traffic_accident', 'Tai nạn giao thông nghiêm trọng',                 'Serious traffic accident',      15);
