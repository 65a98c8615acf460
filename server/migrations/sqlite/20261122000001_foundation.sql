-- The organisation, accounts, roles and sessions.
CREATE TABLE org_units (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES org_units(id),
    kind        TEXT NOT NULL CHECK (kind IN ('province', 'district', 'commune', 'village')),
    name        TEXT NOT NULL,
    code        TEXT UNIQUE,
    valid_from  TEXT NOT NULL,
    valid_to    TEXT
);
CREATE INDEX org_units_parent ON org_units(parent_id);

CREATE TABLE teams (
    id               INTEGER PRIMARY KEY,
    commune_id       INTEGER NOT NULL REFERENCES org_units(id),
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('security_order', 'people_patrol')),
    member_quota     INTEGER NOT NULL CHECK (member_quota > 0),
    operating_since  TEXT NOT NULL,
    dissolved_on     TEXT
);
CREATE INDEX teams_commune ON teams(commune_id);

CREATE TABLE team_villages (
    team_id     INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    village_id  INTEGER NOT NULL REFERENCES org_units(id),
    PRIMARY KEY (team_id, village_id)
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    phone          TEXT NOT NULL UNIQUE,
    full_name      TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE members (
    id              INTEGER PRIMARY KEY,
    team_id         INTEGER NOT NULL REFERENCES teams(id),
    user_id         INTEGER REFERENCES users(id),
    full_name       TEXT NOT NULL,
    date_of_birth   TEXT,
    residence       TEXT NOT NULL DEFAULT '',
    phone           TEXT,
    position        TEXT NOT NULL CHECK (position IN ('leader', 'deputy', 'member')),
    origin          TEXT,
    party_member    INTEGER NOT NULL DEFAULT 0,
    education       TEXT NOT NULL DEFAULT '',
    appointed_on    TEXT,
    decision_no     TEXT NOT NULL DEFAULT '',
    certificate_no  TEXT NOT NULL DEFAULT '',
    badge_issued    INTEGER NOT NULL DEFAULT 0,
    equipment       TEXT NOT NULL DEFAULT '',
    training        TEXT NOT NULL DEFAULT '',
    joined_on       TEXT NOT NULL,
    left_on         TEXT
);
CREATE INDEX members_team ON members(team_id);
CREATE INDEX members_user ON members(user_id);

CREATE TABLE role_grants (
    user_id      INTEGER NOT NULL REFERENCES users(id),
    role         TEXT NOT NULL CHECK (role IN ('commune_police', 'province_police', 'admin')),
    org_unit_id  INTEGER REFERENCES org_units(id),
    UNIQUE (user_id, role, org_unit_id)
);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
    key  TEXT NOT NULL,
    at   TEXT NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures(key, at);
