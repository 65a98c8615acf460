-- Photos sent in pieces (issue 4): what has arrived of a photo so far, so that a phone
-- whose connection dropped resumes where it stopped instead of starting again. The
-- pieces become a row of record_photos once the last one is in.
CREATE TABLE photo_uploads (
    photo_id      TEXT PRIMARY KEY,
    record_id     TEXT NOT NULL REFERENCES records(id),
    user_id       INTEGER NOT NULL REFERENCES users(id),
    content_type  TEXT NOT NULL,
    total         INTEGER NOT NULL,
    received      INTEGER NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX photo_uploads_updated ON photo_uploads(updated_at);

CREATE TABLE photo_upload_parts (
    photo_id  TEXT NOT NULL REFERENCES photo_uploads(photo_id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    bytes     BLOB NOT NULL,
    PRIMARY KEY (photo_id, position)
);
