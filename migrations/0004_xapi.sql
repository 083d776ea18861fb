-- Attempts to a learning record store (issue 13).

-- The IRI under which a pack's scenario wants its xAPI statements' activity ids
-- (`[scenario] xapi_namespace`); NULL when the pack leaves it to the trainer.
ALTER TABLE scenarios ADD COLUMN xapi_namespace TEXT;

-- The app's own settings, one JSON value per key: `lrs` is the trainer's learning record
-- store (its address, user, namespace and home page). Its password is never here: it is kept
-- in the operating system's keychain.
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
