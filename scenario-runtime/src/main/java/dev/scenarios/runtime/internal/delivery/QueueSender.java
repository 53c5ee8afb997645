package dev.scenarios.runtime.internal.delivery;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.PathSender;
import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.DamagedContentException;
import dev.scenarios.runtime.DeliveryPolicy;
import dev.scenarios.runtime.MessageQueue;
import dev.scenarios.runtime.QueueReason;
import dev.scenarios.runtime.QueuedMessage;
import dev.scenarios.runtime.QueuedMessage.State;
import dev.scenarios.runtime.SendEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background sender of {@code delivery: queued}: scans the queue, delivers each due message on a small pool of
 * threads, and writes the outcome back: removed when sent, deferred with backoff when the failure is transient or
 * ambiguous, dead with the reason when permanent or expired. Every attempt is first recorded as {@link State#SENDING},
 * so that after a crash the message is known to be possibly delivered. Started and closed by {@code ScenarioRuntime}.
 */
public final class QueueSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueSender.class);
    private static final int BACKLOG_PER_WORKER = 256;
    /**
     * Content without a state younger than this may belong to a {@code scenario send} writing it right now; older, it
     * is a crash's leftover (a write takes milliseconds).
     */
    static final Duration ORPHAN_AGE = Duration.ofMinutes(1);

    private final MessageQueue queue;
    private final QueueJournal journal;
    private final Map<String, PathSender> senders;
    private final Function<String, DeliveryPolicy> policies;
    private final SendEvents events;
    private final Clock clock;
    private final int parallelism;
    private final Duration pollInterval;
    /** Whether a path's messages are this sender's: those of its data bus. */
    private final Predicate<String> onBus;
    /**
     * Ids seen to belong to another bus (a message never changes path), so that their states are not read again on
     * every scan; forgotten wholesale past {@link #MAX_OTHER_BUS_IDS}, then re-learnt.
     */
    private final Set<String> otherBus = ConcurrentHashMap.newKeySet();

    private static final int MAX_OTHER_BUS_IDS = 200_000;
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();
    /** Messages whose state could not be written (e.g. disk full), not tried again before the time given. */
    private final Map<String, Instant> coolingOff = new ConcurrentHashMap<>();

    private final ExecutorService workers;
    private final Object signal = new Object();
    private final Thread scanner;
    private boolean woken;
    private volatile boolean running = true;
    /**
     * When the scanner last compacted the queue ({@link MessageQueue#compact}); read and written by the scanner only.
     */
    private Instant compacted = Instant.MIN;
    /** Whether a scan found the queue not empty since the last compaction; scanner only. */
    private boolean busySinceCompacted;

    /**
     * @param senders the bound sender of each path that may send (disabled paths are absent)
     * @param policies the delivery policy of a path name
     * @param parallelism how many messages are delivered at once (the connection's own session cap applies too)
     * @param pollInterval how often the queue is rescanned for changes made from outside (the CLI)
     */
    public QueueSender(
            MessageQueue queue,
            QueueJournal journal,
            Map<String, PathSender> senders,
            Function<String, DeliveryPolicy> policies,
            SendEvents events,
            Clock clock,
            int parallelism,
            Duration pollInterval) {
        this(queue, journal, senders, policies, events, clock, parallelism, pollInterval, "queue", path -> true);
    }

    /**
     * A sender of one data bus: it delivers only the messages of the paths {@code onBus} accepts, with its own workers
     * and scanner, so that a backlog on another bus never delays them.
     *
     * @param name names its threads, e.g. {@code bus-3}
     * @param onBus whether a path's messages belong to this sender; every message must belong to exactly one sender
     */
    public QueueSender(
            MessageQueue queue,
            QueueJournal journal,
            Map<String, PathSender> senders,
            Function<String, DeliveryPolicy> policies,
            SendEvents events,
            Clock clock,
            int parallelism,
            Duration pollInterval,
            String name,
            Predicate<String> onBus) {
        this.onBus = onBus;
        this.queue = queue;
        this.journal = journal;
        this.senders = Map.copyOf(senders);
        this.policies = policies;
        this.events = events;
        this.clock = clock;
        this.parallelism = parallelism;
        this.pollInterval = pollInterval;
        this.workers = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, name + "-sender");
            t.setDaemon(true);
            return t;
        });
        this.scanner = new Thread(this::scanLoop, name + "-scanner");
        this.scanner.setDaemon(true);
    }

    /**
     * Reconciles the queue after a crash, then starts scanning. Does I/O:
     *
     * <ul>
     *   <li>content with no state, older than a minute (a crash between the two writes), is adopted as PENDING and
     *       journaled QUEUED, or set aside as DAMAGED; leftover temporary files are removed;
     *   <li>a message left {@link State#SENDING} whose SENT line is in the journal (a crash between journaling and
     *       removing it) is removed without being sent again;
     *   <li>any other message left SENDING is journaled POSSIBLE_DUPLICATE once and is due now, with the same
     *       Message-ID.
     * </ul>
     *
     * With a {@linkplain MessageQueue#shared() shared} store the last two steps are skipped: a message SENDING there is
     * another runtime's until its lease expires, and the store then offers it again.
     */
    public void start() throws IOException {
        Instant now = clock.instant();
        for (QueuedMessage adopted : queue.reconcile(now.minus(ORPHAN_AGE))) {
            journal.record(
                    now, "QUEUED", adopted, "adopted at start: its content was stored but its state was not (a crash)");
        }
        List<QueuedMessage> interrupted = new ArrayList<>();
        if (queue.shared()) {
            // Another runtime's SENDING message is its own until its lease expires; the store then offers it again.
            scanner.start();
            return;
        }
        try (Stream<QueuedMessage> live = queue.live()) {
            live.forEach(m -> {
                if (!onBus.test(m.path())) {
                    otherBus.add(m.id()); // learnt here, so the first scan already passes over other buses' backlogs
                } else if (m.state() == State.SENDING) {
                    interrupted.add(m);
                }
            });
        }
        Set<String> sent =
                journal.sent(interrupted.stream().map(QueuedMessage::id).collect(Collectors.toSet()));
        for (QueuedMessage m : interrupted) {
            if (sent.contains(m.id())) {
                queue.remove(m.id());
                continue;
            }
            QueuedMessage recovered = new QueuedMessage(
                    m.id(),
                    m.path(),
                    m.messageId(),
                    m.owed(),
                    m.delivered(),
                    m.refused(),
                    State.DEFERRED,
                    m.attempts(),
                    m.queuedAt(),
                    now,
                    m.expiresAt(),
                    m.lastReply(),
                    true,
                    "");
            queue.update(recovered);
            journal.record(
                    now,
                    "POSSIBLE_DUPLICATE",
                    recovered,
                    "the runtime stopped during attempt " + m.attempts() + "; retrying with the same Message-ID");
        }
        scanner.start();
    }

    /** Makes the sender look at the queue now, e.g. after a step queued a message. Never blocks. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void scanLoop() {
        Deque<QueuedMessage> backlog = new ArrayDeque<>();
        Instant nextScan = Instant.MIN;
        while (running) {
            Instant now = clock.instant();
            if (backlog.isEmpty() || !now.isBefore(nextScan)) {
                nextScan = scan(now, backlog);
            }
            while (inProgress.size() < parallelism && !backlog.isEmpty() && running) {
                QueuedMessage m = backlog.poll();
                if (inProgress.add(m.id())) {
                    workers.execute(() -> {
                        try {
                            attempt(m.id());
                        } finally {
                            inProgress.remove(m.id());
                            wake();
                        }
                    });
                }
            }
            synchronized (signal) {
                long millis =
                        Math.max(1, Duration.between(clock.instant(), nextScan).toMillis());
                if (!woken && running) {
                    try {
                        signal.wait(backlog.isEmpty() ? millis : Math.min(millis, pollInterval.toMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    /**
     * Refills {@code backlog} with due messages, reading the queue only as far as needed: at most
     * {@link #BACKLOG_PER_WORKER} per worker, so that a queue of a hundred thousand messages is neither listed in full
     * on every wake-up nor held in memory.
     *
     * @return when to scan again at the latest: the earliest due time seen or the poll interval (an empty backlog is
     *     refilled sooner)
     */
    private Instant scan(Instant now, Deque<QueuedMessage> backlog) {
        backlog.clear();
        Instant nextLook = now.plus(pollInterval);
        int limit = parallelism * BACKLOG_PER_WORKER;
        if (otherBus.size() > MAX_OTHER_BUS_IDS) {
            otherBus.clear();
        }
        // Only a trigger for compaction (which checks every message itself), so other buses' messages need not count.
        boolean empty = true;
        try (Stream<QueuedMessage> live = queue.live(id -> !otherBus.contains(id))) {
            Iterator<QueuedMessage> it = live.iterator();
            while (it.hasNext() && running) {
                QueuedMessage m = it.next();
                empty = false;
                if (!onBus.test(m.path())) {
                    otherBus.add(m.id());
                    continue;
                }
                if (m.state() == State.SENDING || m.state() == State.DAMAGED || inProgress.contains(m.id())) {
                    continue;
                }
                Instant due = coolingOff.getOrDefault(m.id(), m.nextAttemptAt());
                due = due.isAfter(m.nextAttemptAt()) ? due : m.nextAttemptAt();
                if (due.isAfter(now)) {
                    nextLook = due.isBefore(nextLook) ? due : nextLook;
                } else if (backlog.size() < limit) {
                    backlog.add(m);
                } else {
                    // Cut short: the next scan comes when this backlog has drained (or after the poll interval).
                    return now.plus(pollInterval);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot read the message queue: {}", e.toString());
        }
        // Anything live counts, in progress too: the scan that finds the queue drained then compacts it.
        busySinceCompacted |= !empty;
        if ((empty && busySinceCompacted) || now.isAfter(compacted.plus(ORPHAN_AGE))) {
            // When the queue has just drained, and at least once per orphan age: what delivered messages leave behind
            // goes.
            try {
                queue.compact();
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("cannot compact the message queue: {}", e.toString());
            }
            compacted = now;
            busySinceCompacted = false;
        }
        return nextLook;
    }

    /** One attempt at message {@code id}, re-read from the queue since the CLI may have changed it. Does I/O. */
    void attempt(String id) {
        boolean claimed = false;
        try {
            QueuedMessage m = queue.find(id).orElse(null);
            if (m == null
                    || m.state() == State.DEAD
                    || m.state() == State.DAMAGED
                    || m.state() == State.SENDING
                    || m.nextAttemptAt().isAfter(clock.instant())) {
                return;
            }
            PathSender sender = senders.get(m.path());
            if (sender == null) {
                dead(m, m.owed(), QueueReason.of("queue.reason.noPath", m.path()), null);
                return;
            }
            QueuedMessage sending = new QueuedMessage(
                    m.id(),
                    m.path(),
                    m.messageId(),
                    m.owed(),
                    m.delivered(),
                    m.refused(),
                    State.SENDING,
                    m.attempts() + 1,
                    m.queuedAt(),
                    m.nextAttemptAt(),
                    m.expiresAt(),
                    m.lastReply(),
                    m.possibleDuplicate(),
                    "");
            PreparedMessage content;
            try {
                content = queue.content(sending);
            } catch (DamagedContentException e) {
                if (!unchanged(m)) {
                    // With a shared queue another runtime may have sent and removed it since it was read here: its
                    // content is gone because it was delivered, not damaged.
                    return;
                }
                // Never transmit bytes that are not what the step stored.
                damaged(m, e.reason());
                return;
            }
            if (!queue.claim(sending)) {
                // Another runtime holds it, or it changed since it was read: its next scan shows where it stands.
                return;
            }
            claimed = true;
            OutcomeClassifier.Verdict v;
            try {
                v = OutcomeClassifier.judge(sending.owed(), sender.deliver(content, sending.owed()));
            } catch (DeliveryException e) {
                v = OutcomeClassifier.judge(sending.owed(), e);
            } catch (RuntimeException e) {
                // A connector bug, not the queue's disk: the attempt may have sent the message, so it is
                // retried as a possible duplicate rather than left SENDING and sent again at every start.
                v = OutcomeClassifier.judge(
                        sending.owed(),
                        DeliveryException.builder(FailureKind.OTHER)
                                .message("the connector failed unexpectedly: " + e)
                                .possiblyDelivered(true)
                                .cause(e)
                                .build());
            }
            settle(sending, v);
        } catch (IOException | RuntimeException e) {
            // The state stays SENDING on disk if it got that far: the next start treats it as possibly delivered.
            // Otherwise it is still due: wait before trying again rather than spin on a full disk.
            coolingOff.put(id, clock.instant().plus(pollInterval.multipliedBy(10)));
            LOG.warn("queued message {}: the queue could not be updated: {}", id, e.toString());
            if (claimed) {
                queue.abandon(id);
            }
            return;
        }
        coolingOff.remove(id);
    }

    /** Whether {@code m} is still in the queue as it was read: same state, same attempts. Does I/O. */
    private boolean unchanged(QueuedMessage m) throws IOException {
        return queue.find(m.id())
                .filter(now -> now.state() == m.state() && now.attempts() == m.attempts())
                .isPresent();
    }

    private void settle(QueuedMessage m, OutcomeClassifier.Verdict v) throws IOException {
        Instant now = clock.instant();
        if (queue.find(m.id()).isEmpty()) {
            // Purged by an operator during the attempt: writing the outcome back would resurrect it.
            journal.record(
                    now,
                    v.outcome() == Outcome.SENT ? "SENT" : "PURGED",
                    m,
                    "attempt " + m.attempts() + " ended after the message was purged: " + v.reply());
            return;
        }
        List<String> delivered = concat(m.delivered(), v.accepted());
        List<SendResult.Rejection> refused = concat(m.refused(), v.refused());
        boolean duplicate = m.possibleDuplicate() || v.outcome() == Outcome.AMBIGUOUS;
        if (v.outcome() == Outcome.AMBIGUOUS) {
            journal.record(now, "POSSIBLE_DUPLICATE", m, "attempt " + m.attempts() + ": " + v.reply());
        }
        QueuedMessage after = new QueuedMessage(
                m.id(),
                m.path(),
                m.messageId(),
                v.owed(),
                delivered,
                refused,
                State.DEFERRED,
                m.attempts(),
                m.queuedAt(),
                now,
                m.expiresAt(),
                // A failure of ours (no session, a timeout) is our text: kept in both languages like a reason, so a
                // reader sees it in theirs; a server's reply is data and stays as it came.
                v.failure() != null
                        ? QueueReason.of("queue.reply.failure", v.failure()).stored()
                        : v.reply(),
                duplicate,
                "");
        if (v.outcome() == Outcome.SENT && refused.isEmpty()) {
            // Journaled before the files go: a crash in between leaves a SENDING message whose SENT line
            // start() finds, so it is neither sent again nor left out of the journal.
            journal.record(
                    now,
                    "SENT",
                    m,
                    "attempt " + m.attempts() + (duplicate ? " (possible duplicate)" : "") + ": " + v.reply());
            queue.removeSent(m.id());
            events.sent(m.path(), new SendResult(m.messageId(), v.reply(), delivered, List.of()));
            return;
        }
        if (v.owed().isEmpty()) {
            // Refused for good: whole (e.g. 554 on DATA: the recipients stay owed, for a retry after a fix)
            // or per recipient (5yz on RCPT: listed as refused).
            boolean whole = v.refused().isEmpty() && v.outcome() == Outcome.PERMANENT;
            dead(
                    after,
                    whole ? m.owed() : List.of(),
                    whole ? reason(v) : QueueReason.of("queue.reason.recipientsRefused", rejections(refused)),
                    v.failure());
            if (!delivered.isEmpty()) {
                events.sent(m.path(), new SendResult(m.messageId(), v.reply(), delivered, refused));
            }
            return;
        }
        if (!now.isBefore(m.expiresAt())) {
            dead(
                    after,
                    v.owed(),
                    QueueReason.of("queue.reason.expired", m.attempts(), v.failure() != null ? v.failure() : v.reply()),
                    v.failure());
            return;
        }
        DeliveryPolicy policy = queuedPolicy(policies.apply(m.path()));
        Instant next = now.plus(policy.delayAfter(m.attempts(), ThreadLocalRandom.current()));
        next = next.isAfter(m.expiresAt()) ? m.expiresAt() : next;
        queue.settle(after.with(State.DEFERRED, next));
        journal.record(
                now,
                "DEFERRED",
                after,
                "attempt " + m.attempts() + " " + v.outcome() + " next=" + next + ": " + v.reply());
    }

    /** Moves {@code m} (with its latest delivered, refused and reply) to the dead letters, owing {@code owed}. */
    private void dead(QueuedMessage m, List<String> owed, QueueReason reason, DeliveryException failure)
            throws IOException {
        QueuedMessage dead = new QueuedMessage(
                m.id(),
                m.path(),
                m.messageId(),
                owed,
                m.delivered(),
                m.refused(),
                State.DEAD,
                m.attempts(),
                m.queuedAt(),
                m.nextAttemptAt(),
                m.expiresAt(),
                m.lastReply(),
                m.possibleDuplicate(),
                reason.stored());
        queue.settle(dead);
        // Journals and logs are for support: English.
        journal.record(clock.instant(), "DEAD", dead, reason.toString());
        events.failed(
                m.path(), failure != null ? failure : new DeliveryException(FailureKind.OTHER, 0, reason.toString()));
    }

    /**
     * Sets {@code m} aside as DAMAGED with {@code reason}: never sent as it is; an operator may retry (if intact) or
     * purge it.
     */
    private void damaged(QueuedMessage m, QueueReason reason) throws IOException {
        QueuedMessage damaged = m.damaged(reason);
        queue.settle(damaged);
        journal.record(clock.instant(), "DAMAGED", damaged, reason.toString());
        events.failed(
                m.path(),
                new DeliveryException(FailureKind.OTHER, 0, "queued message " + m.id() + " not sent: " + reason));
    }

    /**
     * {@code policy}, or the queued defaults when the path is no longer queued (its file changed since the message was
     * queued).
     */
    static DeliveryPolicy queuedPolicy(DeliveryPolicy policy) {
        return policy.mode() == DeliveryPolicy.Mode.QUEUED ? policy : DeliveryPolicy.QUEUED;
    }

    private static QueueReason reason(OutcomeClassifier.Verdict v) {
        DeliveryException e = v.failure();
        return e == null
                ? QueueReason.of("queue.reason.reply", v.reply())
                : e.replyCode() == 0
                        ? QueueReason.of("queue.reason.refusedUnsent", e.kind(), e)
                        : QueueReason.of("queue.reason.refused", e.kind(), e.replyCode(), e);
    }

    private static String rejections(List<SendResult.Rejection> refused) {
        return String.join(
                "; ", refused.stream().map(r -> r.address() + " " + r.reply()).toList());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Stops scanning; attempts under way get up to 10 s to finish, then are interrupted. Never throws. */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            scanner.join(5000);
            workers.shutdown();
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
