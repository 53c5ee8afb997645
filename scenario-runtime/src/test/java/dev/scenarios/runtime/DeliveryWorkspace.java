package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.runtime.internal.delivery.FileMessageQueue;
import dev.scenarios.testing.ScriptedSmtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A workspace with the real SMTP connector pointed at a loopback port and one path {@code orders} with the delivery
 * options under test; reads back the queue and its journal.
 */
final class DeliveryWorkspace {

    final TestWorkspace files;

    private DeliveryWorkspace(Path dir) {
        this.files = new TestWorkspace(dir);
    }

    /** {@code deliveryOptions} is YAML laid into the path file, e.g. {@code delivery: queued}. */
    static DeliveryWorkspace create(Path dir, int port, String deliveryOptions) {
        DeliveryWorkspace ws = new DeliveryWorkspace(dir);
        ws.connectTo(port, "1s");
        ws.files.write("paths/orders.yaml", """
                type: smtp-send
                systemName: orders
                connection: mail
                %s
                attributes:
                  - name: OrderNo
                    required: true
                subject: "Order {OrderNo}"
                body: "Your order {OrderNo} is on its way."
                """.formatted(deliveryOptions.strip()));
        return ws;
    }

    /** Points the connection at {@code port} with read timeout {@code readTimeout} (how long a stall lasts). */
    DeliveryWorkspace connectTo(int port, String readTimeout) {
        files.write("connections/mail.yaml", """
                type: smtp
                systemName: mail
                journal: errors
                server: 127.0.0.1
                port: %d
                encryption: none
                authentication: none
                connectTimeout: 2s
                readTimeout: %s
                writeTimeout: 2s
                senderAddress: shop@example.com
                checkWithoutSending: true
                """.formatted(port, readTimeout));
        return this;
    }

    Workspace load() {
        Workspace loaded = Workspace.load(files.dir, Connectors.fromClassPath(), Map.of(), Locale.ENGLISH);
        assertThat(loaded.problems()).isEmpty();
        return loaded;
    }

    static Map<String, Object> order(String number, String... to) {
        List<Object> recipients = new ArrayList<>();
        for (String address : to) {
            recipients.add(Map.of("Address", address));
        }
        return Map.of("OrderNo", number, "To", recipients);
    }

    FileMessageQueue queue() {
        return new FileMessageQueue(files.dir.resolve("data/queue"));
    }

    /**
     * Every message in the queue, live and dead, once the messages accepted a moment ago are laid out as files (a step
     * returns when its message is durable, a few milliseconds before; waits up to 2 s).
     */
    List<QueuedMessage> queued() {
        ScriptedSmtpServer.await(Duration.ofSeconds(2), () -> {
            try {
                return queue().awaitingLayout() == 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        List<QueuedMessage> out = new ArrayList<>();
        try (Stream<QueuedMessage> live = queue().live();
                Stream<QueuedMessage> dead = queue().dead()) {
            live.forEach(out::add);
            dead.forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The queue journal's lines, empty when there is none. */
    List<String> journal() {
        Path file = files.dir.resolve("data/queue/events.log");
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
