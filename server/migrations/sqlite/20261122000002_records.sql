-- What teams log. The kind's fields are JSON in `body`; the columns are what lists,
-- months and access need. A tip's informant lives in its own table.
CREATE TABLE records (
    id           TEXT PRIMARY KEY,
    team_id      INTEGER NOT NULL REFERENCES teams(id),
    kind         TEXT NOT NULL,
    author_id    INTEGER NOT NULL REFERENCES users(id),
    occurred_at  TEXT NOT NULL,
    month        TEXT NOT NULL,
    body         TEXT NOT NULL,
    version      INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX records_team_month ON records(team_id, month, occurred_at);

CREATE TABLE tip_informants (
    record_id  TEXT PRIMARY KEY REFERENCES records(id),
    name       TEXT NOT NULL,
    phone      TEXT
);

CREATE TABLE record_audit (
    id         INTEGER PRIMARY KEY,
    record_id  TEXT NOT NULL REFERENCES records(id),
    at         TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    action     TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    before     TEXT,
    after      TEXT
);
CREATE INDEX record_audit_record ON record_audit(record_id, id);
