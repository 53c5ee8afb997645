package dev.scenarios.connector.smtp.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path data;

    @Test
    void rotatesBySizeKeepsTheNewestFilesAndReadsOldestFirst() throws Exception {
        Journal journal = new Journal(data, "relay", 100, 2, problem -> {});
        for (int i = 0; i < 10; i++) {
            journal.append("entry " + i + " " + "x".repeat(30));
        }
        assertThat(Files.exists(data.resolve("journals/relay.log.2"))).isTrue();
        assertThat(Files.exists(data.resolve("journals/relay.log.3"))).isFalse();
        String all = new String(Journal.read(data, "relay").readAllBytes(), StandardCharsets.UTF_8);
        assertThat(all).doesNotContain("entry 0 ").contains("entry 9 ");
        assertThat(all.indexOf("entry 7 ")).isLessThan(all.indexOf("entry 8 "));
        assertThat(all.indexOf("entry 8 ")).isLessThan(all.indexOf("entry 9 "));
    }

    /** Finding 7 of issue #13: journals (recipients, SMTP dialogues) were created 644. */
    @Test
    void finding7_journalsAreReadableByTheOwnerOnlyAlsoAfterRotation() throws Exception {
        Journal journal = new Journal(data, "relay", 100, 2, problem -> {});
        for (int i = 0; i < 5; i++) {
            journal.append("entry " + i + " " + "x".repeat(30));
        }
        assertThat(mode(data.resolve("journals"))).isEqualTo("rwx------");
        for (String name : new String[] {"relay.log", "relay.log.1", "relay.log.2"}) {
            assertThat(mode(data.resolve("journals").resolve(name))).as(name).isEqualTo("rw-------");
        }
    }

    private static String mode(Path path) throws java.io.IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void noJournalReadsAsEmpty() throws Exception {
        assertThat(Journal.read(data, "never_written").readAllBytes()).isEmpty();
    }

    @Test
    void concurrentAppendsKeepEntriesWhole() throws Exception {
        Journal journal = new Journal(data, "relay", problem -> {});
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    journal.append("thread " + id + " entry " + i + " end");
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        String all = new String(Journal.read(data, "relay").readAllBytes(), StandardCharsets.UTF_8);
        assertThat(all.lines()).hasSize(200).allMatch(l -> l.matches("thread \\d entry \\d+ end"));
    }

    /** Issue 13 item 7: journals hold addresses and dialogues; owner-only whatever the umask. */
    @Test
    void journalFilesAreOwnerOnly() throws Exception {
        new Journal(data, "relay", problem -> {}).append("entry");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(data.resolve("journals/relay.log"))))
                .isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(data.resolve("journals"))))
                .isEqualTo("rwx------");
    }

    /** Issue 14 finding 1: a journal that cannot be written tells its listener and never throws. */
    @Test
    void aWriteThatFailsIsReportedNotThrown() throws Exception {
        Files.writeString(data.resolve("journals"), "a file where the folder should be");
        java.util.List<String> problems = new java.util.ArrayList<>();
        new Journal(data, "relay", problems::add).append("entry");
        assertThat(problems)
                .singleElement()
                .asString()
                .contains("cannot write the journal")
                .contains("relay.log");
    }
}
