-- The queue of delivery: queued paths, shared by every runtime of a workspace (issue 17).
-- Applied by Flyway when a runtime or `scenario queue` opens the store; the schema is the
-- workspace.yaml's queue.schema (search_path), so no name here is qualified.

-- One row per message not delivered yet: its content, written once, and its delivery state.
CREATE TABLE queued_message (
    id                 text        PRIMARY KEY,
    path               text        NOT NULL,
    message_id         text        NOT NULL,
    content            bytea       NOT NULL,
    content_length     integer     NOT NULL,
    content_sha256     text        NOT NULL,
    state              text        NOT NULL CHECK (state IN ('PENDING', 'DEFERRED', 'SENDING', 'DEAD', 'DAMAGED')),
    owed               text[]      NOT NULL,
    delivered          text[]      NOT NULL,
    refused            jsonb       NOT NULL,
    attempts           integer     NOT NULL,
    queued_at          timestamptz NOT NULL,
    next_attempt_at    timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    last_reply         text        NOT NULL,
    possible_duplicate boolean     NOT NULL,
    reason             text        NOT NULL,
    -- The runtime sending it (state SENDING) and until when; renewed while the attempt lasts.
    lease_owner        text,
    lease_expires_at   timestamptz
);

-- What the senders scan: live messages by due time.
CREATE INDEX queued_message_due ON queued_message (next_attempt_at, id) WHERE state IN ('PENDING', 'DEFERRED', 'SENDING');
CREATE INDEX queued_message_stopped ON queued_message (state) WHERE state IN ('DEAD', 'DAMAGED');

-- The queue's journal: one row per event, the same line the file store appends to events.log.
CREATE TABLE queue_event (
    seq      bigserial   PRIMARY KEY,
    at       timestamptz NOT NULL,
    event    text        NOT NULL,
    queue_id text        NOT NULL,
    runtime  text        NOT NULL,
    line     text        NOT NULL
);
CREATE INDEX queue_event_message ON queue_event (queue_id);

-- The runtimes sending from this queue: registered at start, heartbeat while running, removed at close.
CREATE TABLE queue_runtime (
    id           text        PRIMARY KEY,
    host         text        NOT NULL,
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL
);
