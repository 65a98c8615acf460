-- Photos attached to records, stored with them (a commune's photos fit in its database).
CREATE TABLE record_photos (
    id            TEXT PRIMARY KEY,
    record_id     TEXT NOT NULL REFERENCES records(id),
    content_type  TEXT NOT NULL,
    bytes         BLOB NOT NULL,
    size          INTEGER NOT NULL,
    author_id     INTEGER NOT NULL REFERENCES users(id),
    created_at    TEXT NOT NULL
);
CREATE INDEX record_photos_record ON record_photos(record_id, created_at);
