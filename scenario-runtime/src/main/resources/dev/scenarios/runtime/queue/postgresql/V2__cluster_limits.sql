-- The limits a connection's maxConnections and maxMessagesPerMinute set for all runtimes of the
-- queue together (issue 17). Session slots themselves are advisory locks (key: a hash of schema and
-- connection, slot number), held on one database session per runtime and freed with it.

-- The next free start of a message per connection: every start takes the next one, spaced 60 s /
-- maxMessagesPerMinute apart, in one INSERT … ON CONFLICT DO UPDATE.
CREATE TABLE send_rate (
    connection text        PRIMARY KEY,
    next_slot  timestamptz NOT NULL
);

-- Runtimes waiting for a session slot of a connection: a runtime holding an idle session whose
-- connection is wanted closes it instead of keeping it for its next message.
CREATE TABLE session_want (
    connection   text        NOT NULL,
    runtime      text        NOT NULL,
    wanted_until timestamptz NOT NULL,
    PRIMARY KEY (connection, runtime)
);
