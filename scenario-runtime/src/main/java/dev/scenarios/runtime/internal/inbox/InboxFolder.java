package dev.scenarios.runtime.internal.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scenarios.runtime.DevInbox.KeptMessage;
import dev.scenarios.runtime.internal.io.AtomicFiles;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The dev inbox's messages on disk, {@code <workspace>/data/dev-inbox/}: message {@code N} is {@code N.eml} (the bytes
 * as received, openable in any mail program) and {@code N.json} (its envelope and arrival time), both written with
 * {@link AtomicFiles}. The {@code .json} is written last: a message counts once it is there, so a crash between the two
 * leaves an {@code .eml} that is ignored and reused. Several processes may share the folder ({@code run} and
 * {@code serve} of one workspace): a number is claimed by creating its {@code .eml} exclusively. Called by
 * {@code DevInbox} under its lock; every method does file I/O.
 */
public final class InboxFolder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Session SESSION = Session.getInstance(new Properties());

    private final Path dir;

    /** The folder {@code dir}; created at the first write. */
    public InboxFolder(Path dir) {
        this.dir = dir;
    }

    /** The folder. */
    public Path directory() {
        return dir;
    }

    /** The numbers of the complete messages on disk, ascending; empty when the folder does not exist. */
    public TreeSet<Long> ids() throws IOException {
        TreeSet<Long> ids = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("[0-9]{1,18}\\.json"))
                    .forEach(name -> ids.add(Long.parseLong(name.substring(0, name.length() - ".json".length()))));
        }
        return ids;
    }

    /** The highest number used on disk (complete or claimed), 0 when none. */
    public long highestId() throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("[0-9]{1,18}\\.(eml|json)"))
                    .mapToLong(name -> Long.parseLong(name.substring(0, name.indexOf('.'))))
                    .max()
                    .orElse(0);
        }
    }

    /**
     * Claims the first free number from {@code from} on, by creating its empty {@code .eml} exclusively, and returns
     * it.
     */
    public long claim(long from) throws IOException {
        AtomicFiles.createFolder(dir);
        for (long id = from; ; id++) {
            try {
                Files.createFile(eml(id));
                return id;
            } catch (FileAlreadyExistsException taken) {
                // another process sharing the folder took it: try the next one
            }
        }
    }

    /** Writes message {@code m} (claimed with {@link #claim}) with its {@code raw} bytes; durable when it returns. */
    public void write(KeptMessage m, byte[] raw) throws IOException {
        AtomicFiles.write(eml(m.id()), raw);
        Map<String, Object> envelope = Map.of(
                "receivedAt", m.receivedAt().toString(),
                "envelopeFrom", m.envelopeFrom(),
                "recipients", m.recipients());
        AtomicFiles.write(json(m.id()), JSON.writeValueAsBytes(envelope));
    }

    /**
     * Reads message {@code id}.
     *
     * @throws IOException when its files are missing or unreadable
     * @throws MessagingException when the {@code .eml} is not a message
     */
    public KeptMessage read(long id) throws IOException, MessagingException {
        Envelope envelope = JSON.readValue(Files.readAllBytes(json(id)), Envelope.class);
        byte[] raw = Files.readAllBytes(eml(id));
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        return new KeptMessage(
                id,
                Instant.parse(envelope.receivedAt()),
                envelope.envelopeFrom() == null ? "" : envelope.envelopeFrom(),
                envelope.recipients() == null ? List.of() : List.copyOf(envelope.recipients()),
                message,
                raw.length);
    }

    /** Deletes message {@code id} (its envelope first, so that it never looks complete without its content). */
    public void delete(long id) throws IOException {
        AtomicFiles.delete(json(id));
        AtomicFiles.delete(eml(id));
    }

    /** Deletes every message, complete or not. */
    public void clear() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().matches("[0-9]{1,18}\\.(eml|json)"))
                    .toList();
        }
        // envelopes first: a message never looks complete without its content
        for (String suffix : List.of(".json", ".eml")) {
            for (Path f : files) {
                if (f.getFileName().toString().endsWith(suffix)) {
                    Files.deleteIfExists(f);
                }
            }
        }
        AtomicFiles.forceFolder(dir);
    }

    private Path eml(long id) {
        return dir.resolve(id + ".eml");
    }

    private Path json(long id) {
        return dir.resolve(id + ".json");
    }

    /** The {@code .json} file's content. */
    private record Envelope(String receivedAt, String envelopeFrom, List<String> recipients) {}
}
