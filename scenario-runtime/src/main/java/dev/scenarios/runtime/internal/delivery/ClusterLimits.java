package dev.scenarios.runtime.internal.delivery;

import dev.scenarios.connector.api.SharedLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's {@code maxConnections} and {@code maxMessagesPerMinute} held for every runtime of one PostgreSQL queue
 * together, lent to connectors as {@link SharedLimits} (through the runtime's {@code ConnectorContext}).
 *
 * <p><b>Session slots</b> are advisory locks {@code (key, slot)} with {@code key} a hash of schema and connection and
 * {@code slot} in {@code 0 … maxConnections-1}, taken with {@code pg_try_advisory_lock} on one database session this
 * runtime keeps for them: a runtime that dies (kill -9, lost network) loses its database session and so its slots at
 * once, and no row can be left behind. A runtime that finds no free slot polls, and says so in {@code session_want} so
 * that a runtime keeping an idle session of that connection closes it ({@link Slot#giveUp()}). When the locking session
 * is lost (the database restarted), every slot taken on it is given up when its message is done.
 *
 * <p><b>The send rate</b> is one row per connection in {@code send_rate}: the next free start, pushed on by 60 s /
 * {@code perMinute} in one {@code INSERT … ON CONFLICT DO UPDATE … RETURNING} by every message of every runtime, which
 * then waits until its start. Times are the database's clock.
 *
 * <p>Made and closed by {@link PostgresMessageQueue}; thread-safe; every method does network I/O.
 */
final class ClusterLimits implements SharedLimits, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterLimits.class);
    /** How often a runtime waiting for a session slot tries again. */
    private static final long POLL_MILLIS = 20;
    /** How long a runtime's wish for a slot stands without being renewed by its polling. */
    private static final long WANT_MILLIS = 2_000;
    /** How long {@link Slot#giveUp()} trusts its last look at {@code session_want}: it is asked once per message. */
    private static final long WANT_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final DataSource pool;
    private final String schema;
    private final String owner;
    private final String label;

    /** The database session holding this runtime's slots; null until the first slot or after it was lost. */
    private Connection locks;
    /** Which database session {@link #locks} is; a slot taken on an earlier one is no longer held. */
    private long generation;
    /** The slots held on {@link #locks}, by lock key: advisory locks are re-entrant, so they must be skipped. */
    private final Map<Integer, Set<Integer>> held = new HashMap<>();

    /** The last answer of {@code session_want} for each connection, and when it was read. */
    private final Map<String, long[]> wanted = new ConcurrentHashMap<>();

    ClusterLimits(DataSource pool, String schema, String owner, String label) {
        this.pool = pool;
        this.schema = schema;
        this.owner = owner;
        this.label = label;
    }

    @Override
    public SessionSlot session(String connection, int maxConnections, Duration wait)
            throws IOException, InterruptedException {
        int key = key(schema, connection);
        long deadline = System.nanoTime() + wait.toNanos();
        boolean wanting = false;
        long wantedAt = 0;
        while (true) {
            Slot slot = tryTake(connection, key, maxConnections);
            if (slot != null) {
                if (wanting) {
                    try {
                        want(connection, false);
                    } catch (IOException e) {
                        LOG.debug("cannot withdraw the wish for a session of {}: {}", connection, e.toString());
                    }
                }
                return slot;
            }
            // The wish is renewed well before it lapses, not on every poll.
            if (!wanting || System.nanoTime() - wantedAt > TimeUnit.MILLISECONDS.toNanos(WANT_MILLIS / 4)) {
                want(connection, true);
                wanting = true;
                wantedAt = System.nanoTime();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                // The wish stands a little longer by itself: the connector asks again at once if it still waits.
                return null;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
        }
    }

    @Override
    public void send(String connection, int perMinute) throws IOException, InterruptedException {
        long intervalMillis = Math.max(1, TimeUnit.MINUTES.toMillis(1) / perMinute);
        long waitMillis;
        try (Connection c = pool.getConnection();
                PreparedStatement st = c.prepareStatement("INSERT INTO send_rate AS r (connection, next_slot)"
                        + " VALUES (?, clock_timestamp() + ? * interval '1 millisecond')"
                        + " ON CONFLICT (connection) DO UPDATE SET next_slot ="
                        + " greatest(r.next_slot, clock_timestamp()) + ? * interval '1 millisecond'"
                        + " RETURNING extract(epoch from (r.next_slot - clock_timestamp())) * 1000 - ?")) {
            st.setString(1, connection);
            st.setLong(2, intervalMillis);
            st.setLong(3, intervalMillis);
            st.setLong(4, intervalMillis);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                waitMillis = (long) Math.ceil(rs.getDouble(1));
            }
        } catch (SQLException e) {
            throw io("taking a send slot of connection " + connection, e);
        }
        if (waitMillis > 0) {
            TimeUnit.MILLISECONDS.sleep(waitMillis);
        }
    }

    /** Takes the lowest free slot of {@code key} on the locking session, or returns null when all are taken. */
    private synchronized Slot tryTake(String connection, int key, int maxConnections) throws IOException {
        Set<Integer> mine = held.computeIfAbsent(key, k -> new HashSet<>());
        try {
            if (locks == null) {
                locks = pool.getConnection();
                locks.setAutoCommit(true);
            }
            try (PreparedStatement st = locks.prepareStatement("SELECT s FROM generate_series(0, ? - 1) AS s"
                    + " WHERE s <> ALL(?) AND pg_try_advisory_lock(?, s) ORDER BY s LIMIT 1")) {
                st.setInt(1, maxConnections);
                st.setArray(2, locks.createArrayOf("integer", mine.toArray()));
                st.setInt(3, key);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    int slot = rs.getInt(1);
                    mine.add(slot);
                    return new Slot(connection, key, slot, generation);
                }
            }
        } catch (SQLException e) {
            lost();
            throw io("taking a session slot of connection " + connection, e);
        }
    }

    /** Frees {@code slot} if it is still held on the current locking session. */
    private synchronized void release(Slot slot) {
        if (slot.generation != generation || locks == null) {
            return;
        }
        held.getOrDefault(slot.key, Set.of()).remove(slot.slot);
        try (PreparedStatement st = locks.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            st.setInt(1, slot.key);
            st.setInt(2, slot.slot);
            st.execute();
        } catch (SQLException e) {
            LOG.warn("the queue database {}: the session slots of runtime {} are lost: {}", label, owner, e.toString());
            lost();
        }
    }

    /**
     * Checks that the locking session is still there; called by the queue's renewer. When it is gone, the slots taken
     * on it are given up. Never throws.
     */
    synchronized void check() {
        if (locks == null) {
            return;
        }
        try (PreparedStatement st = locks.prepareStatement("SELECT 1")) {
            st.execute();
        } catch (SQLException e) {
            LOG.warn("the queue database {}: the session slots of runtime {} are lost: {}", label, owner, e.toString());
            lost();
        }
    }

    /** Forgets the locking session: its locks went with it. */
    private synchronized void lost() {
        if (locks != null) {
            try {
                locks.close();
            } catch (SQLException ignored) {
                // it is broken already
            }
        }
        locks = null;
        held.clear();
        generation++;
    }

    private synchronized boolean current(Slot slot) {
        return slot.generation == generation && locks != null;
    }

    /** Says in {@code session_want} that this runtime waits for a slot of {@code connection}, or no longer does. */
    private void want(String connection, boolean waiting) throws IOException {
        try (Connection c = pool.getConnection();
                PreparedStatement st = c.prepareStatement(
                        waiting
                                ? "INSERT INTO session_want (connection, runtime, wanted_until)"
                                        + " VALUES (?, ?, clock_timestamp() + ? * interval '1 millisecond')"
                                        + " ON CONFLICT (connection, runtime) DO UPDATE SET wanted_until = excluded.wanted_until"
                                : "DELETE FROM session_want WHERE connection = ? AND runtime = ?")) {
            st.setString(1, connection);
            st.setString(2, owner);
            if (waiting) {
                st.setLong(3, WANT_MILLIS);
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw io("asking for a session slot of connection " + connection, e);
        }
    }

    /** Whether another runtime waits for a slot of {@code connection}, looked up at most every 100 ms. */
    private boolean wantedByOthers(String connection) {
        long now = System.nanoTime();
        long[] last = wanted.get(connection);
        if (last != null && now - last[0] < WANT_CHECK_NANOS) {
            return last[1] != 0;
        }
        boolean answer;
        try (Connection c = pool.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM session_want"
                        + " WHERE connection = ? AND runtime <> ? AND wanted_until > clock_timestamp())")) {
            st.setString(1, connection);
            st.setString(2, owner);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                answer = rs.getBoolean(1);
            }
        } catch (SQLException e) {
            // Cannot tell: closing the session is the side that never exceeds the limit.
            answer = true;
        }
        wanted.put(connection, new long[] {now, answer ? 1 : 0});
        return answer;
    }

    /**
     * The advisory-lock key of {@code connection} in {@code schema}: the first four bytes of the SHA-256 of both, so
     * that queues in other schemas of the same database have other keys (advisory locks are per database).
     */
    static int key(String schema, String connection) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((schema + "\u0000" + connection).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private IOException io(String what, SQLException e) {
        return new IOException("the queue database " + label + ": " + what + " failed: " + e.getMessage(), e);
    }

    /** Closes the locking session, which frees every slot of this runtime. Never throws. */
    @Override
    public synchronized void close() {
        if (locks != null) {
            try {
                locks.close();
            } catch (SQLException e) {
                LOG.debug("closing the session slots' database session: {}", e.toString());
            }
            locks = null;
            held.clear();
            generation++;
        }
    }

    /** One slot taken by this runtime. */
    private final class Slot implements SessionSlot {
        private final String connection;
        private final int key;
        private final int slot;
        private final long generation;
        private boolean closed;

        Slot(String connection, int key, int slot, long generation) {
            this.connection = connection;
            this.key = key;
            this.slot = slot;
            this.generation = generation;
        }

        @Override
        public boolean giveUp() {
            return !current(this) || wantedByOthers(connection);
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release(this);
        }
    }
}
