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
    // 3: each request's condition code, kept by SQLite from the row (a generated column, the
    // SQL twin of `ConditionCode::of`, held to it by a test), indexed for the log's filters;
    // and a trigram index of each request's paths for the log's search. The index holds no
    // text of its own (contentless): its rowid is the request's id.
    r#"
    ALTER TABLE requests ADD COLUMN code TEXT GENERATED ALWAYS AS (
        CASE state
            WHEN 'queued' THEN 'queued'
            WHEN 'sending' THEN 'sending'
            WHEN 'retrying' THEN 'retrying'
            WHEN 'send_failed' THEN CASE WHEN maybe_sent THEN 'maybe-received' ELSE 'send-failed' END
            WHEN 'rejected' THEN 'rejected'
            WHEN 'gone' THEN 'gone'
            WHEN 'stalled' THEN 'stalled'
            WHEN 'acknowledged' THEN
                CASE UPPER(TRIM(COALESCE(status, ''), ' ' || char(9, 10, 12, 13)))
                    WHEN 'RECEIVED' THEN 'received'
                    WHEN 'PREPARING' THEN 'preparing'
                    WHEN 'FLUSHINGCLOUDIMAGESERVER' THEN 'flushing-cloudimage'
                    WHEN 'FLUSHINGCDNSERVERS' THEN 'flushing-cdn'
                    WHEN 'DONE' THEN CASE WHEN failed_count > 0 THEN 'done-with-failures' ELSE 'done' END
                    WHEN 'ERROR_CDN_NODE' THEN 'error-cdn-node'
                    WHEN 'ERROR' THEN 'error'
                    ELSE 'unknown'
                END
            ELSE 'queued'
        END
    ) VIRTUAL;
    CREATE INDEX requests_code ON requests (code, batch_id);
    CREATE INDEX requests_batch_code ON requests (batch_id, code);

    CREATE VIRTUAL TABLE path_search USING fts5(
        paths, content = '', contentless_delete = 1, tokenize = 'trigram'
    );
    INSERT INTO path_search (rowid, paths)
        SELECT p.request_id, group_concat(p.path, char(10))
        FROM paths p GROUP BY p.request_id;
    "#,
    // 4: what each path's delivery URL answered when it was last checked (see cdn_check/).
    r#"
    CREATE TABLE checks (
        request_id    INTEGER NOT NULL REFERENCES requests (id),
        path          TEXT    NOT NULL,
        url           TEXT    NOT NULL,
        checked_at    INTEGER NOT NULL,
        http_status   INTEGER,
        age           INTEGER,
        last_modified TEXT,
        etag          TEXT,
        cache_control TEXT,
        cache_status  TEXT,
        verdict       TEXT    NOT NULL,
        reason        TEXT    NOT NULL,
        PRIMARY KEY (request_id, path)
    ) WITHOUT ROWID;
    "#,
    // 5: paths the service named that a request did not send were once kept as its paths
    // (idx >= path_count), counted among its failures, and sent again by a retry. They are not
    // its paths: the history says what was dropped, failures are counted over the paths sent,
    // the search index holds only those, and the others go.
    r#"
    CREATE TEMP TABLE foreign_named AS
        SELECT p.request_id AS id, COUNT(*) AS named FROM paths p
        JOIN requests r ON r.id = p.request_id
        WHERE p.idx >= r.path_count GROUP BY p.request_id;
    UPDATE requests SET failed_count = (
            SELECT COUNT(*) FROM paths p
            WHERE p.request_id = requests.id AND p.idx < requests.path_count
              AND p.result = 'failed')
        WHERE id IN (SELECT id FROM foreign_named);
    INSERT INTO events (request_id, at, state, status, detail)
        SELECT f.id, CAST(unixepoch('subsec') * 1000 AS INTEGER), r.state, NULL,
               'The service had also named ' || f.named || ' path(s) this request did not send; '
               || 'they are no longer counted as its paths, and a retry or a check does not '
               || 'send them'
        FROM foreign_named f JOIN requests r ON r.id = f.id;
    DELETE FROM path_search WHERE rowid IN (SELECT id FROM foreign_named);
    INSERT INTO path_search (rowid, paths)
        SELECT p.request_id, group_concat(p.path, char(10)) FROM paths p
        JOIN requests r ON r.id = p.request_id
        WHERE p.request_id IN (SELECT id FROM foreign_named) AND p.idx < r.path_count
        GROUP BY p.request_id;
    DELETE FROM paths WHERE request_id IN (SELECT id FROM foreign_named)
        AND idx >= (SELECT path_count FROM requests r WHERE r.id = paths.request_id);
    DROP TABLE foreign_named;
    "#,
    // 6: each ended batch is announced once, and each done request considered for a check at
    // the CDN once, whichever process follows it (two windows, a window and the CLI, a window
    // opened after the batch ended): the time a process claimed it. What had ended before
    // this version was told by the process that saw it end: it counts as told (0). The codes
    // in progress are those of this version (`ConditionCode::in_progress`).
    r#"
    ALTER TABLE batches ADD COLUMN announced_at INTEGER;
    ALTER TABLE requests ADD COLUMN auto_check_at INTEGER;
    UPDATE batches SET announced_at = 0 WHERE NOT EXISTS (
        SELECT 1 FROM requests r WHERE r.batch_id = batches.id AND r.code IN (
            'queued', 'sending', 'retrying', 'received', 'preparing', 'flushing-cloudimage',
            'flushing-cdn', 'unknown'));
    UPDATE requests SET auto_check_at = 0 WHERE code IN ('done', 'done-with-failures');
    CREATE INDEX batches_unannounced ON batches (id) WHERE announced_at IS NULL;
    CREATE INDEX requests_check_unclaimed ON requests (code, batch_id) WHERE auto_check_at IS NULL;
    "#,
    // 7: what happened, went wrong or was found is kept as a catalogue message too (JSON:
    // `{"id", "args"}`), so each person reads it in their language. The English beside it
    // stays, for the exports and for earlier versions; rows from before have only that.
    r#"
    ALTER TABLE events ADD COLUMN said TEXT;
    ALTER TABLE requests ADD COLUMN error_said TEXT;
    ALTER TABLE checks ADD COLUMN reason_said TEXT;
    "#,
];
