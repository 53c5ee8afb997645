package dev.scenarios.runtime.internal.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.MessageQueue;
import dev.scenarios.runtime.QueuedMessage;
import dev.scenarios.runtime.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue as a folder: {@code messages/<id>.eml} holds each message's bytes (written once),
 * {@code live/<id>.json} the state of each message still to deliver, {@code dead/<id>.json} the
 * dead letters. Every write is a durable atomic replace ({@link AtomicFiles}); the content is
 * written before the state that points at it, so a crash never leaves a state without content.
 * One runtime per workspace sends from it; the {@code scenario queue} command edits it alongside.
 */
public final class FileMessageQueue implements MessageQueue {

    private static final Logger LOG = LoggerFactory.getLogger(FileMessageQueue.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[0-9a-z]{1,16}-[0-9a-f]{4,8}");

    private final Path root;
    private final Path messages;
    private final Path live;
    private final Path dead;

    /** A queue in {@code root} (e.g. {@code <workspace>/data/queue}); folders are created on first write. No I/O. */
    public FileMessageQueue(Path root) {
        this.root = root;
        this.messages = root.resolve("messages");
        this.live = root.resolve("live");
        this.dead = root.resolve("dead");
    }

    /** The queue's folder. */
    public Path root() {
        return root;
    }

    @Override
    public QueuedMessage add(String path, PreparedMessage message, Instant now, Instant expiresAt) throws IOException {
        Files.createDirectories(messages);
        Files.createDirectories(live);
        String id;
        do {
            // Time first so that ids sort roughly by age; 32 random bits keep a burst within one millisecond apart.
            id = Long.toString(now.toEpochMilli(), 36) + "-" + String.format("%08x", ThreadLocalRandom.current().nextInt());
        } while (Files.exists(messages.resolve(id + ".eml")));
        AtomicFiles.write(messages.resolve(id + ".eml"), message.content());
        QueuedMessage queued = new QueuedMessage(id, path, message.messageId(), message.recipients(), List.of(), List.of(),
                QueuedMessage.State.PENDING, 0, now, now, expiresAt, "", false, "");
        AtomicFiles.write(live.resolve(id + ".json"), toJson(queued));
        return queued;
    }

    @Override
    public Optional<QueuedMessage> find(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Optional<QueuedMessage> found = read(live.resolve(id + ".json"));
        return found.isPresent() ? found : read(dead.resolve(id + ".json"));
    }

    @Override
    public PreparedMessage content(QueuedMessage message) throws IOException {
        return new PreparedMessage(message.messageId(), message.owed(), Files.readAllBytes(messages.resolve(message.id() + ".eml")));
    }

    @Override
    public void update(QueuedMessage message) throws IOException {
        boolean isDead = message.state() == QueuedMessage.State.DEAD;
        Path to = (isDead ? dead : live).resolve(message.id() + ".json");
        Files.createDirectories(to.getParent());
        AtomicFiles.write(to, toJson(message));
        // Written to its new place first: a crash in between leaves it in both, and find() prefers live.
        AtomicFiles.delete((isDead ? live : dead).resolve(message.id() + ".json"));
    }

    @Override
    public boolean remove(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            return false;
        }
        boolean removed = AtomicFiles.delete(live.resolve(id + ".json")) | AtomicFiles.delete(dead.resolve(id + ".json"));
        AtomicFiles.delete(messages.resolve(id + ".eml"));
        return removed;
    }

    @Override
    public Stream<QueuedMessage> live() throws IOException {
        return stream(live);
    }

    @Override
    public Stream<QueuedMessage> dead() throws IOException {
        return stream(dead);
    }

    private Stream<QueuedMessage> stream(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json");
        Iterator<Path> names = files.iterator();
        Iterator<QueuedMessage> states = new Iterator<>() {
            private QueuedMessage next;

            @Override
            public boolean hasNext() {
                while (next == null && names.hasNext()) {
                    Path file = names.next();
                    try {
                        next = read(file).orElse(null);
                    } catch (IOException | RuntimeException e) {
                        // One damaged state file (edited by hand) must not stop every other message.
                        LOG.warn("skipping unreadable queue state {}: {}", file, e.toString());
                    }
                }
                return next != null;
            }

            @Override
            public QueuedMessage next() {
                hasNext();
                QueuedMessage out = next;
                next = null;
                return out;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(states, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        files.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** The state in {@code file}; empty when it vanished meanwhile (delivered, purged). */
    private static Optional<QueuedMessage> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(fromJson(JSON.readTree(bytes)));
    }

    private static byte[] toJson(QueuedMessage m) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("path", m.path());
        out.put("messageId", m.messageId());
        out.put("owed", m.owed());
        out.put("delivered", m.delivered());
        out.put("refused", m.refused().stream().map(r -> Map.of("address", r.address(), "replyCode", r.replyCode(), "reply", r.reply())).toList());
        out.put("state", m.state().name());
        out.put("attempts", m.attempts());
        out.put("queuedAt", m.queuedAt().toString());
        out.put("nextAttemptAt", m.nextAttemptAt().toString());
        out.put("expiresAt", m.expiresAt().toString());
        out.put("lastReply", m.lastReply());
        out.put("possibleDuplicate", m.possibleDuplicate());
        out.put("deadReason", m.deadReason());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(out);
    }

    private static QueuedMessage fromJson(JsonNode n) {
        List<SendResult.Rejection> refused = new ArrayList<>();
        n.path("refused").forEach(r -> refused.add(new SendResult.Rejection(r.path("address").asText(), r.path("replyCode").asInt(), r.path("reply").asText())));
        return new QueuedMessage(n.path("id").asText(), n.path("path").asText(), n.path("messageId").asText(), strings(n.path("owed")),
                strings(n.path("delivered")), refused, QueuedMessage.State.valueOf(n.path("state").asText()), n.path("attempts").asInt(),
                Instant.parse(n.path("queuedAt").asText()), Instant.parse(n.path("nextAttemptAt").asText()),
                Instant.parse(n.path("expiresAt").asText()), n.path("lastReply").asText(), n.path("possibleDuplicate").asBoolean(),
                n.path("deadReason").asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }
}
