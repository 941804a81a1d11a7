//! The journal's tables, as numbered migrations applied through `PRAGMA user_version`.
//! Append new migrations; never edit one that has shipped.

/// Times are milliseconds since the Unix epoch, UTC.
pub(super) const MIGRATIONS: &[&str] = &[
    // 1: batches, their requests, each request's paths and the history of its changes.
    r#"
    CREATE TABLE batches (
        id            INTEGER PRIMARY KEY,
        created_at    INTEGER NOT NULL,
        project_id    TEXT    NOT NULL,
        project_name  TEXT    NOT NULL,
        api_base      TEXT    NOT NULL,
        scope         TEXT    NOT NULL CHECK (scope IN ('original', 'all')),
        origin        TEXT    NOT NULL
    );
    CREATE INDEX batches_project ON batches (project_id, id);

    CREATE TABLE requests (
        id              INTEGER PRIMARY KEY,
        batch_id        INTEGER NOT NULL REFERENCES batches (id),
        seq             INTEGER NOT NULL,
        retry_of        INTEGER REFERENCES requests (id),
        state           TEXT    NOT NULL,
        status          TEXT,
        uuid            TEXT UNIQUE,
        added_at        INTEGER,
        attempts        INTEGER NOT NULL DEFAULT 0,
        -- Next send attempt (queued, retrying) or next poll (acknowledged); NULL: none planned.
        due_at          INTEGER,
        poll_interval   INTEGER,
        claim_owner     TEXT,
        claim_until     INTEGER,
        error_kind      TEXT,
        error_message   TEXT,
        failed_count    INTEGER NOT NULL DEFAULT 0,
        path_count      INTEGER NOT NULL,
        acknowledged_at INTEGER,
        updated_at      INTEGER NOT NULL,
        UNIQUE (batch_id, seq)
    );
    CREATE INDEX requests_state_due ON requests (state, due_at);
    CREATE INDEX requests_retry_of ON requests (retry_of);

    CREATE TABLE paths (
        request_id INTEGER NOT NULL REFERENCES requests (id),
        idx        INTEGER NOT NULL,
        path       TEXT    NOT NULL,
        result     TEXT    NOT NULL DEFAULT 'pending'
                   CHECK (result IN ('pending', 'invalidated', 'failed')),
        PRIMARY KEY (request_id, idx)
    ) WITHOUT ROWID;

    CREATE TABLE events (
        id         INTEGER PRIMARY KEY,
        request_id INTEGER NOT NULL REFERENCES requests (id),
        at         INTEGER NOT NULL,
        state      TEXT    NOT NULL,
        status     TEXT,
        detail     TEXT
    );
    CREATE INDEX events_request ON events (request_id, id);
    "#,
    // 2: whether any send of a request may have reached the service (a timeout, a dropped
    // connection, an unreadable answer): then it "may have been received", never "nothing was
    // invalidated".
    r#"
    ALTER TABLE requests ADD COLUMN maybe_sent INTEGER NOT NULL DEFAULT 0;
    "#,
];
