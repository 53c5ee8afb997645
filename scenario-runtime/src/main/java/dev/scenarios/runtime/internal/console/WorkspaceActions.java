package dev.scenarios.runtime.internal.console;

import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.connector.api.support.JsonSchemas;
import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.PathDefinition;
import dev.scenarios.runtime.Problem;
import dev.scenarios.runtime.ScenarioRuntime;
import dev.scenarios.runtime.SendEvents;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.runtime.internal.camel.RejectedRecipients;
import dev.scenarios.runtime.internal.delivery.QueueControl;
import dev.scenarios.runtime.internal.delivery.QueueListing;
import dev.scenarios.runtime.internal.delivery.QueueStore;
import dev.scenarios.runtime.internal.delivery.WorkspaceQueue;
import dev.scenarios.runtime.internal.workspace.RuntimeProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the console does with the workspace as a whole, as {@code scenario validate}, {@code send} and {@code queue} do:
 * its problems, a test message through a path, the queue's listing, retry and purge. Each call reads the workspace
 * afresh ({@link Workspace#load}, with the dev inbox's overrides when the console runs with one), so it sees what the
 * forms just saved. Called by {@link ConsoleApi} on its worker and check threads; does file and (for a test message)
 * network I/O.
 */
final class WorkspaceActions {

    private final Path workspace;
    private final Connectors connectors;
    private final Map<String, String> environment;
    private final Function<ConnectionType, Map<String, Object>> overrides;
    private final WorkspaceQueue queue;

    WorkspaceActions(
            Path workspace,
            Connectors connectors,
            Map<String, String> environment,
            Function<ConnectionType, Map<String, Object>> overrides,
            WorkspaceQueue queue) {
        this.workspace = workspace;
        this.connectors = connectors;
        this.environment = Map.copyOf(environment);
        this.overrides = overrides;
        this.queue = queue;
    }

    private Workspace load(Locale locale) {
        return Workspace.load(workspace, connectors, environment, locale, overrides);
    }

    /**
     * Every problem of the workspace in {@code locale}, in file order: {@code [{file, line, object, property, label,
     * code, message}]}, where {@code label} names the property as the object's form does (its descriptor's label), or
     * is the property itself when no type declares it.
     */
    List<Map<String, Object>> problems(Locale locale) {
        return json(load(locale), locale);
    }

    private static List<Map<String, Object>> json(Workspace ws, Locale locale) {
        Map<String, List<PropertyDescriptor>> byFile = new HashMap<>();
        ws.connections().forEach(c -> byFile.put(c.file(), c.type().properties()));
        ws.paths().forEach(p -> byFile.put(p.file(), RuntimeProperties.of(p.type())));
        List<Problem> problems = new ArrayList<>(ws.problems());
        problems.sort(Problem.IN_FILE_ORDER);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Problem p : problems) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("file", p.file());
            problem.put("line", p.line());
            problem.put("object", p.object());
            problem.put("property", p.property());
            problem.put("label", label(byFile.getOrDefault(p.file(), List.of()), p.property(), locale));
            problem.put("code", p.code());
            problem.put("message", p.message());
            out.add(problem);
        }
        return out;
    }

    /** {@code attributes[2].name} as the form's label of {@code attributes} followed by {@code [2].name}. */
    private static String label(List<PropertyDescriptor> descriptors, String property, Locale locale) {
        String root = property.split("[.\\[]", 2)[0];
        return descriptors.stream()
                .filter(d -> d.name().equals(root))
                .findFirst()
                .map(d -> d.label(locale) + property.substring(root.length()))
                .orElse(property);
    }

    /**
     * The attributes a step may give path {@code name} as a JSON Schema in {@code locale}, for the test message's form;
     * empty when the workspace has no such path.
     */
    Optional<Map<String, Object>> attributes(String name, Locale locale) {
        return load(locale)
                .path(name)
                .map(p -> JsonSchemas.schema("attributes", p.type().id(), p.systemName(), "", p.attributes(), locale));
    }

    /** What became of a test message: the answer's body; {@code problems} set when nothing was tried. */
    record TestResult(Map<String, Object> body, List<Map<String, Object>> problems) {}

    /**
     * Sends one message with {@code attributes} through path {@code name} as a scenario step would
     * ({@link ScenarioRuntime#send}: the path's sender, retries and queue). Refused with the workspace's problems when
     * it has any (a runtime starts only a valid workspace). The answer carries the outcome, the Message-ID, the
     * server's reply, or the failure's kind, reply code and text (which name no secret: they are what {@code scenario
     * send} prints). Blocks for the send.
     *
     * @return empty when the workspace has no path {@code name}
     */
    Optional<TestResult> sendTest(String name, Map<String, Object> attributes, Locale locale) throws Exception {
        Workspace ws = load(locale);
        if (!ws.isValid()) {
            return Optional.of(new TestResult(null, json(ws, locale)));
        }
        Optional<PathDefinition> path = ws.path(name);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", name);
        try (ScenarioRuntime runtime = ScenarioRuntime.start(ws, SendEvents.NONE, false)) {
            SendResult result = runtime.send(name, attributes);
            // a sent message has an accepted recipient; none means the path queued it
            out.put("status", result.acceptedRecipients().isEmpty() ? "QUEUED" : "SENT");
            out.put("messageId", result.messageId());
            out.put("serverReply", result.serverReply());
            out.put("acceptedRecipients", result.acceptedRecipients());
            out.put("rejectedRecipients", RejectedRecipients.asMaps(result.rejectedRecipients()));
        } catch (DeliveryException e) {
            out.put("status", "FAILED");
            out.put("failureKind", e.kind().name());
            out.put("replyCode", e.replyCode());
            out.put("message", e.message(locale));
            out.put("rejectedRecipients", RejectedRecipients.asMaps(e.rejectedRecipients()));
        }
        return Optional.of(new TestResult(out, List.of()));
    }

    /**
     * The queue as {@code scenario queue --json} lists it, reasons in {@code locale}. Reads {@code workspace.yaml} for
     * where the queue is (folder or PostgreSQL) at each call, like the other files, then the queue's states through the
     * console's one open store.
     */
    List<Map<String, Object>> queueListing(Locale locale) throws IOException {
        // The whole workspace, not only its queue settings: a message's bus is its path's, as the path file says now.
        Workspace ws = load(locale);
        return QueueListing.all(queue.store().queue()).stream()
                .map(m -> QueueListing.json(m, ws.bus(m.path()), locale))
                .toList();
    }

    /** What {@code action} makes of the queue through a {@link QueueControl}, as {@code scenario queue} does. */
    private <T> T control(Locale locale, QueueAction<T> action) throws IOException {
        Workspace ws = load(locale);
        QueueStore store = queue.store();
        return action.apply(new QueueControl(store.queue(), store.journal(), ws::deliveryPolicy, Clock.systemUTC()));
    }

    private interface QueueAction<T> {
        T apply(QueueControl control) throws IOException;
    }

    /**
     * Makes message {@code id} due now, as {@code scenario queue --retry}; a running runtime sends it at its next scan.
     */
    QueueControl.Result retry(String id, Locale locale) throws IOException {
        return control(locale, c -> c.retry(id));
    }

    /** Retries every dead message; returns how many. */
    int retryDead(Locale locale) throws IOException {
        return control(locale, QueueControl::retryDead);
    }

    /** Removes message {@code id} for good, as {@code scenario queue --purge}. */
    QueueControl.Result purge(String id, Locale locale) throws IOException {
        return control(locale, c -> c.purge(id));
    }
}
