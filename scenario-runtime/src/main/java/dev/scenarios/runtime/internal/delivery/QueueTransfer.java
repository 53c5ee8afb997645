package dev.scenarios.runtime.internal.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.DamagedContentException;
import dev.scenarios.runtime.MessageQueue;
import dev.scenarios.runtime.QueuedMessage;
import dev.scenarios.runtime.QueuedMessage.State;
import dev.scenarios.runtime.internal.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Moves the queued and dead messages of one store to another ({@code scenario queue --export FILE} / {@code --import
 * FILE}), e.g. from the folder to PostgreSQL when a workspace starts sharing its queue. The file is JSON Lines: a
 * header, then one message per line with its state, its content (Base64) and the content's length and SHA-256.
 *
 * <p>Export writes the file durably (owner-only, renamed into place), then removes each exported message from the
 * source, journaling EXPORTED: a message is in the file or in the queue, and after a crash in between in both (an
 * import then skips what its target already has). Import checks each message's content against its length and checksum,
 * skips one whose export id the target's journal records IMPORTED or whose Message-ID the target holds, adds the others
 * with their state, and journals IMPORTED keyed by the export id: running it twice adds nothing twice. Called by
 * {@code QueueCommand} while no runtime sends either queue; does I/O.
 */
public final class QueueTransfer {

    static final String FORMAT = "scenario-queue-export";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What an export moved: live and dead messages, and damaged ones left in the source (their content is bad). */
    public record Exported(int live, int dead, int damagedLeft) {}

    /**
     * What an import added: live and dead messages, those skipped as imported before, and the problems of entries not
     * imported ({@code FILE:LINE: …}).
     */
    public record Imported(int live, int dead, int skipped, List<String> problems) {}

    private QueueTransfer() {}

    /**
     * Writes every live and dead message of {@code queue} to {@code file}, then removes them from the queue.
     *
     * @throws IOException when the file cannot be written (then nothing is removed) or the queue cannot be read
     */
    public static Exported export(MessageQueue queue, QueueJournal journal, Path file, String source, Clock clock)
            throws IOException {
        Path target = file.toAbsolutePath();
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        List<QueuedMessage> exported = new ArrayList<>();
        int[] counts = new int[3];
        try (FileChannel channel = AtomicFiles.openForAppend(temporary);
                OutputStream out = Channels.newOutputStream(channel)) {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("format", FORMAT);
            header.put("version", 1);
            header.put("source", source);
            header.put("exportedAt", clock.instant().toString());
            writeLine(out, header);
            try (Stream<QueuedMessage> live = queue.live();
                    Stream<QueuedMessage> dead = queue.dead()) {
                for (QueuedMessage m : (Iterable<QueuedMessage>) Stream.concat(live, dead)::iterator) {
                    byte[] content;
                    try {
                        content = queue.content(m).content();
                    } catch (DamagedContentException e) {
                        counts[2]++;
                        continue;
                    }
                    writeLine(out, entry(m, content));
                    exported.add(m);
                    counts[m.state() == State.DEAD ? 1 : 0]++;
                }
            }
            out.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        AtomicFiles.move(temporary, target);
        Instant now = clock.instant();
        for (QueuedMessage m : exported) {
            if (queue.remove(m.id())) {
                journal.record(now, "EXPORTED", m, "to " + target);
            }
        }
        return new Exported(counts[0], counts[1], counts[2]);
    }

    /**
     * Adds the messages of {@code file} to {@code queue} with their state, skipping those imported before.
     *
     * @param flush makes what was added visible before its state is written (the file store's group commit)
     * @throws IOException when the file cannot be read or is not an export, or the queue cannot be written
     */
    public static Imported importFrom(MessageQueue queue, QueueJournal journal, Path file, Runnable flush, Clock clock)
            throws IOException {
        List<String> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null || !FORMAT.equals(parse(first).path("format").asText())) {
                throw new IOException(file + ":1: not a queue export (scenario queue --export writes one)");
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(entry(parse(line)));
                } catch (IOException | RuntimeException e) {
                    problems.add(file + ":" + number + ": " + e.getMessage() + "; not imported");
                }
            }
        }
        Set<String> exportIds = new HashSet<>();
        entries.forEach(e -> exportIds.add(e.state.id()));
        Set<String> importedBefore = journal.recorded("IMPORTED", exportIds);
        Set<String> present = new HashSet<>();
        for (QueuedMessage m : QueueListing.all(queue)) {
            present.add(m.messageId());
        }
        int skipped = 0;
        List<QueuedMessage[]> added = new ArrayList<>();
        Instant now = clock.instant();
        for (Entry e : entries) {
            QueuedMessage m = e.state;
            if (importedBefore.contains(m.id()) || !present.add(m.messageId())) {
                skipped++;
                continue;
            }
            QueuedMessage fresh =
                    queue.add(m.path(), new PreparedMessage(m.messageId(), m.owed(), e.content), now, m.expiresAt());
            added.add(new QueuedMessage[] {m, fresh});
        }
        flush.run();
        int live = 0;
        int dead = 0;
        for (QueuedMessage[] pair : added) {
            QueuedMessage m = pair[0];
            QueuedMessage fresh = pair[1];
            // A message exported while SENDING may have been sent: it goes again as a possible duplicate.
            boolean sending = m.state() == State.SENDING;
            State state = sending ? State.DEFERRED : m.state();
            queue.update(new QueuedMessage(
                    fresh.id(),
                    m.path(),
                    m.messageId(),
                    m.owed(),
                    m.delivered(),
                    m.refused(),
                    state,
                    m.attempts(),
                    m.queuedAt(),
                    m.nextAttemptAt(),
                    m.expiresAt(),
                    m.lastReply(),
                    m.possibleDuplicate() || sending,
                    m.deadReason()));
            journal.record(now, "IMPORTED", m, "as " + fresh.id() + " from " + file.toAbsolutePath());
            if (state == State.DEAD) {
                dead++;
            } else {
                live++;
            }
        }
        return new Imported(live, dead, skipped, problems);
    }

    private record Entry(QueuedMessage state, byte[] content) {}

    private static Map<String, Object> entry(QueuedMessage m, byte[] content) {
        Map<String, Object> out = FileMessageQueue.fields(m);
        out.put("contentLength", content.length);
        out.put("contentSha256", FileMessageQueue.sha256(content));
        out.put("content", Base64.getEncoder().encodeToString(content));
        return out;
    }

    private static Entry entry(JsonNode n) throws IOException {
        String id = text(n, "id");
        byte[] content = Base64.getDecoder().decode(text(n, "content"));
        if (content.length != n.path("contentLength").asInt(-1)) {
            throw new IOException("message " + id + ": its content is " + content.length + " bytes instead of "
                    + n.path("contentLength").asInt(-1));
        }
        if (!FileMessageQueue.sha256(content).equals(text(n, "contentSha256"))) {
            throw new IOException("message " + id + ": its content does not match its SHA-256 checksum");
        }
        State state = State.valueOf(text(n, "state"));
        if (state == State.DAMAGED) {
            throw new IOException("message " + id + ": damaged messages are not moved");
        }
        List<SendResult.Rejection> refused = new ArrayList<>();
        for (JsonNode r : n.path("refused")) {
            refused.add(new SendResult.Rejection(
                    r.path("address").asText(),
                    r.path("replyCode").asInt(),
                    r.path("reply").asText()));
        }
        return new Entry(
                new QueuedMessage(
                        id,
                        text(n, "path"),
                        text(n, "messageId"),
                        strings(n.path("owed")),
                        strings(n.path("delivered")),
                        refused,
                        state,
                        n.path("attempts").asInt(),
                        Instant.parse(text(n, "queuedAt")),
                        Instant.parse(text(n, "nextAttemptAt")),
                        Instant.parse(text(n, "expiresAt")),
                        n.path("lastReply").asText(""),
                        n.path("possibleDuplicate").asBoolean(false),
                        n.path("deadReason").asText("")),
                content);
    }

    private static String text(JsonNode n, String field) throws IOException {
        JsonNode value = n.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException("the field \"" + field + "\" is missing");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static JsonNode parse(String line) throws IOException {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IOException("not JSON: " + e.getOriginalMessage());
        }
    }

    private static void writeLine(OutputStream out, Map<String, Object> value) throws IOException {
        out.write(JSON.writeValueAsBytes(value));
        out.write('\n');
    }
}
