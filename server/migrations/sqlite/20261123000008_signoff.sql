-- The team leader's month (issue 6): sign-off states, the review of each record, the
-- month's audit trail and in-app notices.

-- A team's month once someone has acted on it; a month with no row is open.
CREATE TABLE team_months (
    team_id      INTEGER NOT NULL REFERENCES teams(id),
    month        TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('open', 'submitted', 'accepted', 'returned')),
    -- The leader's remarks for the monthly report.
    remarks      TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   INTEGER NOT NULL REFERENCES users(id),
    submitted_at TEXT,
    PRIMARY KEY (team_id, month)
);

-- The leader's word on a record, for the version they read; an edit removes it (the
-- record waits for a new look).
CREATE TABLE record_reviews (
    record_id      TEXT PRIMARY KEY REFERENCES records(id),
    state          TEXT NOT NULL CHECK (state IN ('accepted', 'returned')),
    comment        TEXT NOT NULL DEFAULT '',
    reviewer_id    INTEGER NOT NULL REFERENCES users(id),
    at             TEXT NOT NULL,
    record_version INTEGER NOT NULL
);

-- Every step of a team's month, the reviews of its records included: the audit trail.
CREATE TABLE month_events (
    id         INTEGER PRIMARY KEY,
    team_id    INTEGER NOT NULL REFERENCES teams(id),
    month      TEXT NOT NULL,
    record_id  TEXT REFERENCES records(id),
    at         TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    action     TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX month_events_team_month ON month_events(team_id, month, id);

-- What a person is told in the app: a returned record, a reminder, a returned month.
CREATE TABLE notices (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    from_user  INTEGER NOT NULL REFERENCES users(id),
    team_id    INTEGER NOT NULL REFERENCES teams(id),
    month      TEXT NOT NULL,
    record_id  TEXT REFERENCES records(id),
    text       TEXT NOT NULL DEFAULT '',
    read_at    TEXT
);
CREATE INDEX notices_user ON notices(user_id, id);
