-- Offline sync (issue 4): a change number per team, and the mutations already applied.

-- Every write to a team's records takes the team's next number. Writers to one team
-- hold the team's row until they commit, so the numbers become visible in order and a
-- phone that pulls "everything after n" can never skip a change.
ALTER TABLE teams ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE records ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE records SET seq = (
    SELECT COUNT(*) FROM records r2
    WHERE r2.team_id = records.team_id
      AND (r2.created_at < records.created_at
           OR (r2.created_at = records.created_at AND r2.id <= records.id)));
UPDATE teams SET change_seq = (SELECT COUNT(*) FROM records WHERE records.team_id = teams.id);
CREATE INDEX records_team_seq ON records(team_id, seq);

-- A mutation pushed from a phone, written in the transaction that applied it: a resend
-- after a lost answer is recognised instead of applied twice.
CREATE TABLE sync_mutations (
    id         TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    record_id  TEXT NOT NULL,
    at         TEXT NOT NULL
);

