-- Sign-in throttling (issue 16): one counter per key, raised in a single statement
-- before the password is checked, so parallel attempts each count. Keys are a phone with
-- the client's address (growing delays) and an address alone (a generous ceiling).
DROP TABLE login_failures;
CREATE TABLE login_throttle (
    key           TEXT PRIMARY KEY,
    attempts      INTEGER NOT NULL,
    window_start  TEXT NOT NULL,
    last_at       TEXT NOT NULL,
    previous_at   TEXT
);
CREATE INDEX login_throttle_last ON login_throttle(last_at);

-- Who set or changed a tip's informant, and when; never the values (DOMAIN.md: the
-- identity is seen only by the receiving member and the commune police).
CREATE TABLE informant_audit (
    record_id  TEXT NOT NULL REFERENCES records(id),
    at         TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    action     TEXT NOT NULL CHECK (action IN ('set', 'change'))
);
CREATE INDEX informant_audit_record ON informant_audit(record_id, at);
