-- The commune's own data (issue 18): every change to a unit, team or member, with who
-- made it and when. `detail` is the subject's fields after the change, as a JSON
-- object; a screen shows what changed by comparing one entry with the one before.
CREATE TABLE roster_changes (
    id          INTEGER PRIMARY KEY,
    subject     TEXT NOT NULL CHECK (subject IN ('unit', 'team', 'member')),
    subject_id  INTEGER NOT NULL,
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL,
    by_user     INTEGER NOT NULL REFERENCES users(id),
    at          TEXT NOT NULL
);
CREATE INDEX roster_changes_subject ON roster_changes(subject, subject_id, id);
