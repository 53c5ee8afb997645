package dev.scenarios.runtime.internal.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.connector.api.SharedLimits;
import dev.scenarios.runtime.DamagedContentException;
import dev.scenarios.runtime.MessageQueue;
import dev.scenarios.runtime.QueueReason;
import dev.scenarios.runtime.QueueSettings;
import dev.scenarios.runtime.QueuedMessage;
import dev.scenarios.runtime.QueuedMessage.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue as tables in a PostgreSQL schema, shared by every runtime whose {@code workspace.yaml} names it:
 * {@code queued_message} (content, length and SHA-256, and the delivery state), {@code queue_event} (the journal) and
 * {@code queue_runtime} (the runtimes sending). The schema is created and migrated by Flyway from the migrations in the
 * jar; connections come from a HikariCP pool.
 *
 * <p>A runtime {@linkplain #claim claims} a message before sending it: the row is locked with {@code SELECT … FOR
 * UPDATE SKIP LOCKED} (two runtimes never wait on each other, and never both win), and marked SENDING with a lease
 * (this runtime's id, an expiry) that a background thread renews while the runtime lives. A runtime killed mid-send
 * stops renewing; once the lease expires, the message reads as DEFERRED and possibly duplicate, and any runtime sends
 * it again with the same Message-ID, journaling POSSIBLE_DUPLICATE. Times of leases are the database's clock, so the
 * runtimes' clocks need not agree. Every method does network I/O and returns once the database has committed;
 * thread-safe. Opened by {@link QueueStore}, closed by its owner.
 */
public final class PostgresMessageQueue implements MessageQueue, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresMessageQueue.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the migrations are in the jar. */
    static final String MIGRATIONS = "classpath:dev/scenarios/runtime/queue/postgresql";

    private static final String COLUMNS =
            "id, path, message_id, state, owed, delivered, refused, attempts, queued_at, next_attempt_at,"
                    + " expires_at, last_reply, possible_duplicate, reason, (state = 'SENDING' AND lease_expires_at < clock_timestamp()) AS lease_expired";
    private static final String LIVE = "state IN ('PENDING', 'DEFERRED', 'SENDING')";

    /** A runtime sending from this queue, as registered in {@code queue_runtime}. */
    public record RuntimeEntry(String id, String host, Instant startedAt, Instant heartbeatAt) {}

    private final HikariDataSource pool;
    private final String owner;
    private final Duration lease;
    private final String label;
    private final ScheduledExecutorService renewer;
    private final ClusterLimits limits;
    /**
     * The messages this runtime claimed and is still attempting: only their leases are renewed, so a message whose
     * attempt ended without its outcome written (the database was gone then) is not held forever by a live runtime.
     */
    private final Set<String> attempting = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private PostgresMessageQueue(
            HikariDataSource pool, String owner, Duration lease, String label, String schema, boolean register) {
        this.pool = pool;
        this.limits = new ClusterLimits(pool, schema, owner, label);
        this.owner = owner;
        this.lease = lease;
        this.label = label;
        this.renewer = register
                ? Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "queue-lease-renewer");
                    t.setDaemon(true);
                    return t;
                })
                : null;
    }

    /**
     * Connects to the database of {@code settings}, creates or migrates the schema, and (when {@code register}, i.e.
     * this runtime sends) registers runtime {@code owner} and starts renewing its leases and heartbeat every third of
     * {@code lease}. Does network I/O.
     *
     * @throws IOException when the database cannot be reached or migrated; the message names the URL, never the
     *     password
     */
    public static PostgresMessageQueue open(
            QueueSettings settings, String owner, String host, Duration lease, boolean register) throws IOException {
        String label = label(settings);
        HikariConfig config = new HikariConfig();
        config.setPoolName("scenario-queue");
        config.setJdbcUrl(settings.url());
        if (!settings.username().isEmpty()) {
            config.setUsername(settings.username());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setSchema(settings.schema());
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(10_000);
        config.setValidationTimeout(5_000);
        // Every network call has a bound: connecting, and each statement's reply.
        config.addDataSourceProperty("connectTimeout", "10");
        config.addDataSourceProperty("socketTimeout", "60");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "scenario-runtime");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IOException("cannot connect to the queue database " + label + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .schemas(settings.schema())
                    .defaultSchema(settings.schema())
                    .createSchemas(true)
                    .locations(MIGRATIONS)
                    .table("queue_schema_history")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new IOException(
                    "cannot create or migrate the queue schema " + settings.schema() + " in " + label + ": "
                            + rootMessage(e),
                    e);
        }
        PostgresMessageQueue queue = new PostgresMessageQueue(pool, owner, lease, label, settings.schema(), register);
        if (register) {
            queue.register(host);
        }
        return queue;
    }

    /** The database as messages name it: the URL without its parameters, and the schema. */
    static String label(QueueSettings settings) {
        String url = settings.url();
        int q = url.indexOf('?');
        return (q < 0 ? url : url.substring(0, q)) + " schema " + settings.schema();
    }

    private void register(String host) throws IOException {
        try (Connection c = pool.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "INSERT INTO queue_runtime (id, host, started_at, heartbeat_at)"
                                + " VALUES (?, ?, clock_timestamp(), clock_timestamp()) ON CONFLICT (id) DO UPDATE SET heartbeat_at = clock_timestamp()")) {
            st.setString(1, owner);
            st.setString(2, host);
            st.executeUpdate();
        } catch (SQLException e) {
            throw io("registering the runtime", e);
        }
        long every = Math.max(100, lease.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Extends the leases of the messages this runtime is sending, and its heartbeat. Never throws: the next round tries
     * again.
     */
    private void renew() {
        try (Connection c = pool.getConnection();
                PreparedStatement leases = c.prepareStatement(
                        "UPDATE queued_message SET lease_expires_at = clock_timestamp() + ? * interval '1 millisecond'"
                                + " WHERE lease_owner = ? AND state = 'SENDING' AND id = ANY(?)");
                PreparedStatement heartbeat =
                        c.prepareStatement("UPDATE queue_runtime SET heartbeat_at = clock_timestamp() WHERE id = ?")) {
            leases.setLong(1, lease.toMillis());
            leases.setString(2, owner);
            leases.setArray(3, c.createArrayOf("text", attempting.toArray()));
            leases.executeUpdate();
            heartbeat.setString(1, owner);
            heartbeat.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot renew the leases of runtime {} in the queue database {}: {}", owner, label, e.toString());
        }
        limits.check();
    }

    /**
     * The connections' session and rate limits held across every runtime of this queue, for the runtime's
     * {@code ConnectorContext}; see {@link ClusterLimits}. No I/O until a connector asks.
     */
    public SharedLimits sharedLimits() {
        return limits;
    }

    /** This runtime's id, the owner of its leases. */
    public String owner() {
        return owner;
    }

    /** How errors and listings name the queue: URL (without parameters) and schema. */
    public String label() {
        return label;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public QueuedMessage add(String path, PreparedMessage message, Instant now, Instant expiresAt) throws IOException {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        Instant expires = expiresAt.truncatedTo(ChronoUnit.MICROS);
        byte[] content = message.content();
        try (Connection c = pool.getConnection();
                PreparedStatement st =
                        c.prepareStatement("INSERT INTO queued_message (id, path, message_id, content, content_length,"
                                + " content_sha256, state, owed, delivered, refused, attempts, queued_at, next_attempt_at, expires_at, last_reply,"
                                + " possible_duplicate, reason) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, '{}', '[]'::jsonb, 0, ?, ?, ?, '', false, '')"
                                + " ON CONFLICT (id) DO NOTHING")) {
            while (true) {
                String id = FileMessageQueue.newId(at);
                st.setString(1, id);
                st.setString(2, path);
                st.setString(3, message.messageId());
                st.setBytes(4, content);
                st.setInt(5, content.length);
                st.setString(6, FileMessageQueue.sha256(content));
                st.setArray(7, c.createArrayOf("text", message.recipients().toArray()));
                st.setObject(8, time(at));
                st.setObject(9, time(at));
                st.setObject(10, time(expires));
                if (st.executeUpdate() == 1) {
                    return new QueuedMessage(
                            id,
                            path,
                            message.messageId(),
                            message.recipients(),
                            List.of(),
                            List.of(),
                            State.PENDING,
                            0,
                            at,
                            at,
                            expires,
                            "",
                            false,
                            "");
                }
            }
        } catch (SQLException e) {
            throw io("storing a message", e);
        }
    }

    @Override
    public Optional<QueuedMessage> find(String id) throws IOException {
        try (Connection c = pool.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM queued_message WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw io("reading message " + id, e);
        }
    }

    @Override
    public PreparedMessage content(QueuedMessage message) throws IOException {
        try (Connection c = pool.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT content, content_length, content_sha256 FROM queued_message WHERE id = ?")) {
            st.setString(1, message.id());
            try (ResultSet rs = st.executeQuery()) {
                String name = message.id();
                if (!rs.next()) {
                    throw new DamagedContentException(QueueReason.of("queue.reason.content.missing", name));
                }
                byte[] content = rs.getBytes(1);
                if (content == null || content.length != rs.getInt(2)) {
                    throw new DamagedContentException(QueueReason.of(
                            "queue.reason.content.length", name, content == null ? 0 : content.length, rs.getInt(2)));
                }
                if (!FileMessageQueue.sha256(content).equals(rs.getString(3))) {
                    throw new DamagedContentException(QueueReason.of("queue.reason.content.checksum", name));
                }
                return new PreparedMessage(message.messageId(), message.owed(), content);
            }
        } catch (SQLException e) {
            throw io("reading the content of message " + message.id(), e);
        }
    }

    /**
     * Writes {@code message}'s state. A message SENDING under another runtime's lease that has not expired is left as
     * it is: that runtime owns its outcome (this write comes from an attempt whose lease expired meanwhile). Leaving
     * SENDING releases this runtime's lease.
     */
    @Override
    public void update(QueuedMessage message) throws IOException {
        boolean sending = message.state() == State.SENDING;
        try (Connection c = pool.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "UPDATE queued_message SET path = ?, message_id = ?, state = ?, owed = ?, delivered = ?,"
                                + " refused = ?::jsonb, attempts = ?, queued_at = ?, next_attempt_at = ?, expires_at = ?, last_reply = ?,"
                                + " possible_duplicate = ?, reason = ?, lease_owner = CASE WHEN ? THEN lease_owner END,"
                                + " lease_expires_at = CASE WHEN ? THEN lease_expires_at END"
                                + " WHERE id = ? AND NOT (state = 'SENDING' AND lease_owner IS DISTINCT FROM ? AND lease_expires_at > clock_timestamp())")) {
            int i = setState(c, st, 1, message);
            st.setBoolean(i++, sending);
            st.setBoolean(i++, sending);
            st.setString(i++, message.id());
            st.setString(i, owner);
            if (!sending) {
                attempting.remove(message.id());
            }
            if (st.executeUpdate() == 0) {
                LOG.debug("queued message {} not updated: gone, or another runtime holds its lease", message.id());
            }
        } catch (SQLException e) {
            throw io("updating message " + message.id(), e);
        }
    }

    /** Sets path … reason of {@code m} from parameter {@code first} on; returns the next parameter's index. */
    private static int setState(Connection c, PreparedStatement st, int first, QueuedMessage m)
            throws SQLException, IOException {
        int i = first;
        st.setString(i++, m.path());
        st.setString(i++, m.messageId());
        st.setString(i++, m.state().name());
        st.setArray(i++, c.createArrayOf("text", m.owed().toArray()));
        st.setArray(i++, c.createArrayOf("text", m.delivered().toArray()));
        st.setString(
                i++,
                JSON.writeValueAsString(m.refused().stream()
                        .map(r -> Map.of("address", r.address(), "replyCode", r.replyCode(), "reply", r.reply()))
                        .toList()));
        st.setInt(i++, m.attempts());
        st.setObject(i++, time(m.queuedAt()));
        st.setObject(i++, time(m.nextAttemptAt()));
        st.setObject(i++, time(m.expiresAt()));
        st.setString(i++, m.lastReply());
        st.setBoolean(i++, m.possibleDuplicate());
        st.setString(i++, m.deadReason());
        return i;
    }

    /**
     * Takes message {@code sending.id()} for this runtime: locks its row without waiting ({@code FOR UPDATE SKIP
     * LOCKED}), checks that it is still the message the sender read (same attempts, not dead, not SENDING under a live
     * lease), and writes it SENDING with a fresh lease. Taking over an expired lease is journaled POSSIBLE_DUPLICATE in
     * the same transaction.
     */
    @Override
    public boolean claim(QueuedMessage sending) throws IOException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean reclaimed;
                String previousOwner;
                try (PreparedStatement lock = c.prepareStatement(
                        "SELECT state, attempts, lease_owner,"
                                + " (lease_expires_at IS NULL OR lease_expires_at < clock_timestamp()) FROM queued_message WHERE id = ? FOR UPDATE SKIP LOCKED")) {
                    lock.setString(1, sending.id());
                    try (ResultSet rs = lock.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return false;
                        }
                        String state = rs.getString(1);
                        boolean expired = rs.getBoolean(4);
                        if (state.equals("DEAD")
                                || state.equals("DAMAGED")
                                || (state.equals("SENDING") && !expired)
                                || rs.getInt(2) != sending.attempts() - 1) {
                            c.rollback();
                            return false;
                        }
                        reclaimed = state.equals("SENDING");
                        previousOwner = rs.getString(3);
                    }
                }
                try (PreparedStatement st =
                        c.prepareStatement("UPDATE queued_message SET path = ?, message_id = ?, state = ?, owed = ?,"
                                + " delivered = ?, refused = ?::jsonb, attempts = ?, queued_at = ?, next_attempt_at = ?, expires_at = ?, last_reply = ?,"
                                + " possible_duplicate = ?, reason = ?, lease_owner = ?, lease_expires_at = clock_timestamp() + ? * interval '1 millisecond'"
                                + " WHERE id = ?")) {
                    QueuedMessage claimed = reclaimed && !sending.possibleDuplicate() ? duplicate(sending) : sending;
                    int i = setState(c, st, 1, claimed);
                    st.setString(i++, owner);
                    st.setLong(i++, lease.toMillis());
                    st.setString(i, sending.id());
                    st.executeUpdate();
                }
                if (reclaimed) {
                    Instant now = Instant.now();
                    String line = QueueJournal.line(
                            now,
                            "POSSIBLE_DUPLICATE",
                            sending,
                            "runtime " + previousOwner + " stopped renewing its lease during attempt "
                                    + (sending.attempts() - 1) + "; runtime " + owner
                                    + " retries with the same Message-ID");
                    LOG.warn(line);
                    appendEvent(c, now, "POSSIBLE_DUPLICATE", sending.id(), line);
                }
                c.commit();
                attempting.add(sending.id());
                return true;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw io("claiming message " + sending.id(), e);
        }
    }

    /**
     * Stops renewing the lease of {@code id}, whose attempt ended without its outcome written, and lets it expire now
     * if the database can still be told: then any runtime retries the message as a possible duplicate.
     */
    @Override
    public void abandon(String id) {
        attempting.remove(id);
        try (Connection c = pool.getConnection();
                PreparedStatement st =
                        c.prepareStatement("UPDATE queued_message SET lease_expires_at = clock_timestamp()"
                                + " WHERE id = ? AND lease_owner = ? AND state = 'SENDING'")) {
            st.setString(1, id);
            st.setString(2, owner);
            st.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("message {}: its lease runs out by itself: {}", id, e.toString());
        }
    }

    private static QueuedMessage duplicate(QueuedMessage m) {
        return new QueuedMessage(
                m.id(),
                m.path(),
                m.messageId(),
                m.owed(),
                m.delivered(),
                m.refused(),
                m.state(),
                m.attempts(),
                m.queuedAt(),
                m.nextAttemptAt(),
                m.expiresAt(),
                m.lastReply(),
                true,
                m.deadReason());
    }

    @Override
    public boolean remove(String id) throws IOException {
        attempting.remove(id);
        try (Connection c = pool.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM queued_message WHERE id = ?")) {
            st.setString(1, id);
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw io("removing message " + id, e);
        }
    }

    @Override
    public Stream<QueuedMessage> live() throws IOException {
        return query(LIVE + " ORDER BY next_attempt_at, id");
    }

    @Override
    public Stream<QueuedMessage> dead() throws IOException {
        return query("state = 'DEAD' ORDER BY queued_at, id");
    }

    @Override
    public Stream<QueuedMessage> damaged() throws IOException {
        return query("state = 'DAMAGED' ORDER BY queued_at, id");
    }

    /** The runtimes registered as sending from this queue, oldest first, with their last heartbeat. */
    public List<RuntimeEntry> runtimes() throws IOException {
        try (Connection c = pool.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT id, host, started_at, heartbeat_at FROM queue_runtime ORDER BY started_at, id");
                ResultSet rs = st.executeQuery()) {
            List<RuntimeEntry> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new RuntimeEntry(rs.getString(1), rs.getString(2), instant(rs, 3), instant(rs, 4)));
            }
            return out;
        } catch (SQLException e) {
            throw io("listing the runtimes", e);
        }
    }

    /** The runtimes whose heartbeat is younger than two leases: the ones sending now. */
    public List<RuntimeEntry> liveRuntimes() throws IOException {
        Instant recent = Instant.now().minus(lease.multipliedBy(2));
        return runtimes().stream().filter(r -> r.heartbeatAt().isAfter(recent)).toList();
    }

    /** The journal kept in {@code queue_event}, for a {@link QueueJournal}. */
    public QueueJournal.Sink journalSink() {
        return new QueueJournal.Sink() {
            @Override
            public void append(Instant at, String event, String id, String line) throws IOException {
                try (Connection c = pool.getConnection()) {
                    appendEvent(c, at, event, id, line);
                } catch (SQLException e) {
                    throw io("writing the journal", e);
                }
            }

            @Override
            public Set<String> recorded(String event, Set<String> ids) throws IOException {
                try (Connection c = pool.getConnection();
                        PreparedStatement st = c.prepareStatement(
                                "SELECT DISTINCT queue_id FROM queue_event WHERE event = ? AND queue_id = ANY(?)")) {
                    st.setString(1, event);
                    st.setArray(2, c.createArrayOf("text", ids.toArray()));
                    Set<String> out = new HashSet<>();
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                    return out;
                } catch (SQLException e) {
                    throw io("reading the journal", e);
                }
            }

            @Override
            public String describe() {
                return "queue_event in " + label;
            }
        };
    }

    /** The journal's lines, oldest first: what {@code events.log} holds for the file store. */
    public List<String> journalLines() throws IOException {
        try (Connection c = pool.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT line FROM queue_event ORDER BY seq");
                ResultSet rs = st.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw io("reading the journal", e);
        }
    }

    private void appendEvent(Connection c, Instant at, String event, String id, String line) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO queue_event (at, event, queue_id, runtime, line) VALUES (?, ?, ?, ?, ?)")) {
            st.setObject(1, time(at));
            st.setString(2, event);
            st.setString(3, id);
            st.setString(4, owner);
            st.setString(5, line);
            st.executeUpdate();
        }
    }

    /**
     * Rows matching {@code where}, read lazily through a cursor (256 rows at a time) on a connection held until the
     * stream is closed.
     */
    private Stream<QueuedMessage> query(String where) throws IOException {
        Connection c = null;
        try {
            c = pool.getConnection();
            c.setAutoCommit(false);
            PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM queued_message WHERE " + where);
            st.setFetchSize(256);
            ResultSet rs = st.executeQuery();
            Connection held = c;
            Iterator<QueuedMessage> rows = new Iterator<>() {
                private Boolean ahead;

                @Override
                public boolean hasNext() {
                    if (ahead == null) {
                        try {
                            ahead = rs.next();
                        } catch (SQLException e) {
                            throw new UncheckedIOException(io("reading the queue", e));
                        }
                    }
                    return ahead;
                }

                @Override
                public QueuedMessage next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    ahead = null;
                    try {
                        return row(rs);
                    } catch (SQLException e) {
                        throw new UncheckedIOException(io("reading the queue", e));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
            return StreamSupport.stream(
                            Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL), false)
                    .onClose(() -> {
                        try {
                            held.rollback();
                            held.close();
                        } catch (SQLException e) {
                            LOG.debug("closing a queue cursor: {}", e.toString());
                        }
                    });
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // reported below
                }
            }
            throw io("reading the queue", e);
        }
    }

    /**
     * The message in the current row. A SENDING message whose lease expired (its runtime died or hung) reads as
     * DEFERRED and possibly duplicate: it is due again, and {@link #claim} takes it over.
     */
    private static QueuedMessage row(ResultSet rs) throws SQLException, IOException {
        State state = State.valueOf(rs.getString("state"));
        boolean expired = rs.getBoolean("lease_expired");
        List<SendResult.Rejection> refused = new ArrayList<>();
        for (Map<String, Object> r :
                JSON.readValue(rs.getString("refused"), new TypeReference<List<Map<String, Object>>>() {})) {
            refused.add(new SendResult.Rejection(
                    String.valueOf(r.get("address")),
                    ((Number) r.get("replyCode")).intValue(),
                    String.valueOf(r.get("reply"))));
        }
        return new QueuedMessage(
                rs.getString("id"),
                rs.getString("path"),
                rs.getString("message_id"),
                strings(rs.getArray("owed")),
                strings(rs.getArray("delivered")),
                refused,
                expired ? State.DEFERRED : state,
                rs.getInt("attempts"),
                instant(rs, "queued_at"),
                instant(rs, "next_attempt_at"),
                instant(rs, "expires_at"),
                rs.getString("last_reply"),
                expired || rs.getBoolean("possible_duplicate"),
                rs.getString("reason"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private IOException io(String what, SQLException e) {
        return new IOException("the queue database " + label + ": " + what + " failed: " + e.getMessage(), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * Stops renewing, hands this runtime's leases back (their messages are due at once, as possible duplicates, for any
     * runtime), unregisters the runtime and closes the pool. Never throws.
     */
    @Override
    public void close() {
        limits.close();
        if (renewer != null) {
            renewer.shutdownNow();
            try (Connection c = pool.getConnection();
                    PreparedStatement leases =
                            c.prepareStatement("UPDATE queued_message SET lease_expires_at = clock_timestamp()"
                                    + " WHERE lease_owner = ? AND state = 'SENDING'");
                    PreparedStatement runtime = c.prepareStatement("DELETE FROM queue_runtime WHERE id = ?")) {
                leases.setString(1, owner);
                leases.executeUpdate();
                runtime.setString(1, owner);
                runtime.executeUpdate();
            } catch (SQLException | RuntimeException e) {
                LOG.warn("cannot unregister runtime {} from the queue database {}: {}", owner, label, e.toString());
            }
        }
        pool.close();
    }
}
