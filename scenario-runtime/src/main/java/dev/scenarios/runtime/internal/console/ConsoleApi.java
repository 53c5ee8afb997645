package dev.scenarios.runtime.internal.console;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.support.Descriptors;
import dev.scenarios.connector.api.support.JsonSchemas;
import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.Problem;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.runtime.internal.camel.WorkspaceConnectorContext;
import dev.scenarios.runtime.internal.delivery.QueueControl;
import dev.scenarios.runtime.internal.delivery.WorkspaceQueue;
import dev.scenarios.runtime.internal.text.CheckJson;
import dev.scenarios.runtime.internal.workspace.RuntimeProperties;
import dev.scenarios.runtime.internal.workspace.SecretFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP API under {@code /api/}: types with their JSON Schema, connections and paths (list, get, create,
 * update, delete), a connection's check and its journal. Every request needs the admin token in {@code Authorization:
 * Bearer …} or {@code X-Admin-Token}; names in URLs must match {@code [A-Za-z0-9_]+}. Called by the JDK HTTP server on
 * its worker threads; does file and (for checks) network I/O.
 */
final class ConsoleApi implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApi.class);
    private static final int MAX_BODY = 1 << 20;
    /** A queue id as the queue names its files; anything else is no message of ours. */
    private static final java.util.regex.Pattern QUEUE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,100}");

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private final Path workspace;
    private final Connectors connectors;
    private final Map<String, String> environment;
    private final AdminToken token;
    private final ObjectStore store;
    private final ObjectEditor editor;
    private final SecretFiles secrets;
    private final Function<ConnectionType, Map<String, Object>> checkOverrides;
    private final Executor checks;
    private final WorkspaceActions actions;

    /** An answer other than success, carried to {@link #handle} to be sent. */
    private static final class Refusal extends Exception {
        final int status;
        final Object body;

        Refusal(int status, Object body) {
            super(null, null, false, false);
            this.status = status;
            this.body = body;
        }
    }

    ConsoleApi(
            Path workspace,
            Connectors connectors,
            Map<String, String> environment,
            AdminToken token,
            Function<ConnectionType, Map<String, Object>> checkOverrides,
            Executor checks,
            WorkspaceQueue queue) {
        this.workspace = workspace;
        this.connectors = connectors;
        this.environment = Map.copyOf(environment);
        this.token = token;
        this.store = new ObjectStore(workspace);
        this.editor = new ObjectEditor(workspace, connectors, environment, store);
        this.secrets = new SecretFiles(workspace);
        this.checkOverrides = checkOverrides;
        this.checks = checks;
        this.actions = new WorkspaceActions(workspace, connectors, environment, checkOverrides, queue);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Locale locale = Locales.of(exchange);
        boolean deferred = false;
        try {
            if (!authorized(exchange)) {
                throw new Refusal(401, Map.of("error", ConsoleTexts.get(locale, "error.token")));
            }
            deferred = route(exchange, locale);
        } catch (Refusal r) {
            HttpReplies.json(exchange, r.status, r.body);
        } catch (RuntimeException | IOException e) {
            // the class only: a message could quote a value, and values may be secrets
            LOG.warn(
                    "console request failed: {} {}: {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    e.getClass().getName());
            HttpReplies.error(exchange, 500, ConsoleTexts.get(locale, "error.internal"));
        } finally {
            if (!deferred) {
                exchange.close();
            }
        }
    }

    private boolean authorized(HttpExchange exchange) {
        return token.authorizes(exchange.getRequestHeaders());
    }

    /** Answers the request, or hands it to a check thread that will (then returns true). */
    private boolean route(HttpExchange exchange, Locale locale) throws IOException, Refusal {
        String method = exchange.getRequestMethod();
        String[] parts = exchange.getRequestURI()
                .getRawPath()
                .substring("/api/".length())
                .split("/", -1);
        if (parts.length == 1 && parts[0].equals("types")) {
            allow(method, "GET", locale);
            HttpReplies.json(exchange, 200, types(locale));
            return false;
        }
        if (parts[0].equals("queue")) {
            queue(exchange, method, parts, locale);
            return false;
        }
        if (parts.length == 1 && parts[0].equals("validate")) {
            allow(method, "POST", locale);
            HttpReplies.json(exchange, 200, validate(exchange, locale));
            return false;
        }
        if (parts.length == 1 && parts[0].equals("problems")) {
            allow(method, "GET", locale);
            HttpReplies.json(exchange, 200, actions.problems(locale));
            return false;
        }
        ObjectKind kind = ObjectKind.ofFolder(parts[0]);
        if (kind == null || parts.length > 3) {
            throw new Refusal(404, Map.of("error", ConsoleTexts.get(locale, "error.notFound")));
        }
        if (parts.length == 1) {
            if (method.equals("GET")) {
                List<Object> out = new ArrayList<>();
                store.list(kind).forEach(s -> out.add(editor.view(kind, s)));
                HttpReplies.json(exchange, 200, out);
            } else {
                allow(method, "POST", locale);
                create(exchange, kind, locale);
            }
            return false;
        }
        String name = parts[1];
        if (!Descriptors.isSystemName(name)) {
            throw new Refusal(400, Map.of("error", ConsoleTexts.get(locale, "problem.name")));
        }
        if (parts.length == 3 && kind == ObjectKind.CONNECTION && parts[2].equals("check")) {
            allow(method, "POST", locale);
            return check(exchange, name, locale);
        } else if (parts.length == 3 && kind == ObjectKind.PATH && parts[2].equals("send")) {
            allow(method, "POST", locale);
            return sendTest(exchange, name, locale);
        } else if (parts.length == 3 && kind == ObjectKind.PATH && parts[2].equals("attributes")) {
            allow(method, "GET", locale);
            HttpReplies.json(
                    exchange,
                    200,
                    actions.attributes(name, locale)
                            .orElseThrow(() -> new Refusal(
                                    404, Map.of("error", ConsoleTexts.get(locale, "error.unknown", name)))));
        } else if (parts.length == 3 && kind == ObjectKind.CONNECTION && parts[2].equals("journal")) {
            allow(method, "GET", locale);
            journal(exchange, name, locale);
        } else if (parts.length == 2) {
            switch (method) {
                case "GET" -> HttpReplies.json(exchange, 200, editor.view(kind, existing(kind, name, locale)));
                case "PUT" -> update(exchange, kind, name, locale);
                case "DELETE" -> delete(exchange, kind, name, locale);
                default -> allow(method, "GET, PUT, DELETE", locale);
            }
        } else {
            throw new Refusal(404, Map.of("error", ConsoleTexts.get(locale, "error.notFound")));
        }
        return false;
    }

    /**
     * {@code GET /api/queue} lists the queue; {@code POST /api/queue/retry-dead} retries every dead message;
     * {@code POST /api/queue/<id>/retry} retries one; {@code DELETE /api/queue/<id>} purges one.
     */
    private void queue(HttpExchange exchange, String method, String[] parts, Locale locale)
            throws IOException, Refusal {
        if (parts.length == 1) {
            allow(method, "GET", locale);
            HttpReplies.json(exchange, 200, actions.queueListing(locale));
            return;
        }
        if (parts.length == 2 && parts[1].equals("retry-dead")) {
            allow(method, "POST", locale);
            HttpReplies.json(exchange, 200, Map.of("retried", actions.retryDead(locale)));
            return;
        }
        String id = parts[1];
        if (!QUEUE_ID.matcher(id).matches() || parts.length > 3 || parts.length == 3 && !parts[2].equals("retry")) {
            throw new Refusal(404, Map.of("error", ConsoleTexts.get(locale, "error.notFound")));
        }
        QueueControl.Result result;
        if (parts.length == 3) {
            allow(method, "POST", locale);
            result = actions.retry(id, locale);
        } else {
            allow(method, "DELETE", locale);
            result = actions.purge(id, locale);
        }
        switch (result) {
            case DONE -> HttpReplies.json(exchange, 200, Map.of("result", result.name()));
            case UNKNOWN -> throw new Refusal(404, Map.of("error", ConsoleTexts.get(locale, "error.queueUnknown", id)));
            case BEING_SENT ->
                throw new Refusal(409, Map.of("error", ConsoleTexts.get(locale, "error.queueSending", id)));
            case CONTENT_DAMAGED ->
                throw new Refusal(409, Map.of("error", ConsoleTexts.get(locale, "error.queueDamaged", id)));
        }
    }

    /**
     * Sends a test message through the saved path on a check thread (it waits for the server) and answers its outcome;
     * 422 with the workspace's problems when it cannot run.
     */
    private boolean sendTest(HttpExchange exchange, String name, Locale locale) throws IOException, Refusal {
        existing(ObjectKind.PATH, name, locale);
        Map<String, Object> body = body(exchange, locale);
        Object attributes = body.get("attributes");
        if (!(attributes instanceof Map<?, ?>)) {
            throw new Refusal(400, Map.of("error", ConsoleTexts.get(locale, "error.attributes")));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> given = (Map<String, Object>) attributes;
        try {
            checks.execute(() -> answerSendTest(exchange, name, given, locale));
        } catch (RejectedExecutionException e) {
            throw new Refusal(503, Map.of("error", ConsoleTexts.get(locale, "error.checksBusy")));
        }
        return true;
    }

    private void answerSendTest(HttpExchange exchange, String name, Map<String, Object> attributes, Locale locale) {
        try {
            Optional<WorkspaceActions.TestResult> result = actions.sendTest(name, attributes, locale);
            if (result.isEmpty()) {
                HttpReplies.json(exchange, 404, Map.of("error", ConsoleTexts.get(locale, "error.unknown", name)));
            } else if (!result.get().problems().isEmpty()) {
                HttpReplies.json(
                        exchange,
                        422,
                        Map.of(
                                "error",
                                ConsoleTexts.get(locale, "error.workspaceInvalid"),
                                "problems",
                                result.get().problems()));
            } else {
                HttpReplies.json(exchange, 200, result.get().body());
            }
        } catch (Exception e) {
            // the class only: a message could quote a value, and values may be secrets
            LOG.warn(
                    "console test message through {} failed: {}",
                    name,
                    e.getClass().getName());
            try {
                HttpReplies.error(exchange, 500, ConsoleTexts.get(locale, "error.internal"));
            } catch (IOException | RuntimeException ignored) {
                // the client is gone or the answer was already started
            }
        } finally {
            exchange.close();
        }
    }

    private Map<String, Object> types(Locale locale) {
        List<Object> connectionTypes = new ArrayList<>();
        for (ConnectionType type : connectors.connectionTypes()) {
            connectionTypes.add(typeEntry(
                    type.id(),
                    type.name(locale),
                    JsonSchemas.schema(
                            "connection",
                            type.id(),
                            type.name(locale),
                            type.description(locale),
                            type.properties(),
                            locale)));
        }
        List<Object> pathTypes = new ArrayList<>();
        for (PathType type : connectors.pathTypes()) {
            Map<String, Object> t = typeEntry(
                    type.id(),
                    type.name(locale),
                    JsonSchemas.schema(
                            "path",
                            type.id(),
                            type.name(locale),
                            type.description(locale),
                            RuntimeProperties.of(type),
                            locale));
            t.put("connectionType", type.connectionTypeId());
            pathTypes.add(t);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("connectionTypes", connectionTypes);
        out.put("pathTypes", pathTypes);
        return out;
    }

    private static Map<String, Object> typeEntry(String id, String name, Map<String, Object> schema) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id);
        t.put("name", name);
        t.put("schema", schema);
        return t;
    }

    /**
     * Creates the object; holds the store's lock from the name check to the write, so two creations cannot both
     * succeed.
     */
    private void create(HttpExchange exchange, ObjectKind kind, Locale locale) throws IOException, Refusal {
        Map<String, Object> body = body(exchange, locale);
        synchronized (store) {
            create(exchange, kind, body, locale);
        }
    }

    private void create(HttpExchange exchange, ObjectKind kind, Map<String, Object> body, Locale locale)
            throws IOException, Refusal {
        Map<String, Object> submitted = values(body, locale);
        String typeId = String.valueOf(body.getOrDefault("type", ""));
        String name = String.valueOf(submitted.getOrDefault("systemName", "")).trim();
        if (Descriptors.isSystemName(name) && store.find(kind, name).isPresent()) {
            throw new Refusal(409, Map.of("error", ConsoleTexts.get(locale, "error.exists", name)));
        }
        ObjectEditor.Merged merged = editor.merge(kind, typeId, name, submitted, Map.of());
        ObjectEditor.Checked checked = valid(kind, merged, locale, Map.of());
        Map<String, Object> values = storeSecrets(name, merged, checked.values(), Map.of());
        String file = store.write(kind, null, values);
        HttpReplies.json(exchange, 201, editor.view(kind, new ObjectStore.Stored(file, values)));
    }

    /** Updates the object; holds the store's lock from reading the stored secrets to the write. */
    private void update(HttpExchange exchange, ObjectKind kind, String name, Locale locale)
            throws IOException, Refusal {
        Map<String, Object> body = body(exchange, locale);
        synchronized (store) {
            update(exchange, kind, name, body, locale);
        }
    }

    private void update(HttpExchange exchange, ObjectKind kind, String name, Map<String, Object> body, Locale locale)
            throws IOException, Refusal {
        ObjectStore.Stored stored = existing(kind, name, locale);
        Map<String, Object> submitted = values(body, locale);
        Object renamed = submitted.get("systemName");
        if (renamed != null && !String.valueOf(renamed).trim().equals(name)) {
            throw new Refusal(
                    422,
                    fields(List.of(new Problem(
                            stored.file(),
                            1,
                            "",
                            "systemName",
                            ConsoleTexts.get(locale, "problem.rename"),
                            "rename"))));
        }
        String typeId = String.valueOf(body.getOrDefault("type", stored.values().get("type")));
        ObjectEditor.Merged merged = editor.merge(kind, typeId, name, submitted, stored.values());
        refuseIf(editor.secretsToRetype(kind, merged, stored.values(), locale));
        ObjectEditor.Checked checked = valid(kind, merged, locale, Map.of());
        Map<String, Object> values = storeSecrets(name, merged, checked.values(), stored.values());
        store.write(kind, stored.file(), values);
        HttpReplies.json(exchange, 200, editor.view(kind, new ObjectStore.Stored(stored.file(), values)));
    }

    /**
     * {@code values} with every secret the client typed replaced by a {@code ${file:…}} reference to the file it is now
     * stored in ({@link SecretFiles#store}): the console never writes a secret into a YAML file. Writes the secret
     * files.
     */
    private Map<String, Object> storeSecrets(
            String name, ObjectEditor.Merged merged, Map<String, Object> values, Map<String, Object> stored)
            throws IOException {
        Map<String, Object> out = new LinkedHashMap<>(values);
        for (Map.Entry<String, String> typed : merged.typedSecrets().entrySet()) {
            Object written = stored.get(typed.getKey());
            out.put(
                    typed.getKey(),
                    secrets.store(
                            name, typed.getKey(), written == null ? null : String.valueOf(written), typed.getValue()));
        }
        return out;
    }

    private static void refuseIf(List<Problem> problems) throws Refusal {
        if (!problems.isEmpty()) {
            throw new Refusal(422, problems);
        }
    }

    private void delete(HttpExchange exchange, ObjectKind kind, String name, Locale locale)
            throws IOException, Refusal {
        synchronized (store) {
            deleteUnused(kind, name, locale);
        }
        HttpReplies.json(exchange, 204, null);
    }

    private void deleteUnused(ObjectKind kind, String name, Locale locale) throws IOException, Refusal {
        ObjectStore.Stored stored = existing(kind, name, locale);
        if (kind == ObjectKind.CONNECTION) {
            List<String> users = store.list(ObjectKind.PATH).stream()
                    .filter(p -> name.equals(
                            String.valueOf(p.values().get("connection")).trim()))
                    .map(ObjectStore.Stored::systemName)
                    .toList();
            if (!users.isEmpty()) {
                throw new Refusal(
                        409, Map.of("error", ConsoleTexts.get(locale, "error.inUse", name, String.join(", ", users))));
            }
        }
        store.delete(stored.file());
    }

    /**
     * Checks the stored connection, or the values in the body (the form as it is, not yet saved) merged with the stored
     * secrets. Answers 422 with the problems when they do not validate.
     */
    private boolean check(HttpExchange exchange, String name, Locale locale) throws IOException, Refusal {
        Optional<ObjectStore.Stored> stored = store.find(ObjectKind.CONNECTION, name);
        Map<String, Object> body = body(exchange, locale);
        ObjectEditor.Merged merged;
        if (body.containsKey("values")) {
            Map<String, Object> submitted = values(body, locale);
            String typeId = String.valueOf(body.getOrDefault(
                    "type", stored.map(s -> s.values().get("type")).orElse("")));
            Map<String, Object> saved = stored.map(ObjectStore.Stored::values).orElse(Map.of());
            merged = editor.merge(ObjectKind.CONNECTION, typeId, name, submitted, saved);
            // a saved secret goes only where the saved connection sends it
            refuseIf(editor.secretsToRetype(ObjectKind.CONNECTION, merged, saved, locale));
        } else {
            merged = new ObjectEditor.Merged(
                    stored.orElseThrow(() ->
                                    new Refusal(404, Map.of("error", ConsoleTexts.get(locale, "error.unknown", name))))
                            .values(),
                    Map.of());
        }
        ConnectionType type = connectors
                .connectionType(String.valueOf(merged.values().get("type")))
                .orElse(null);
        Map<String, Object> overrides = type == null ? Map.of() : checkOverrides.apply(type);
        ObjectEditor.Checked checked = valid(ObjectKind.CONNECTION, merged, locale, overrides);
        try {
            checks.execute(() -> answerCheck(exchange, name, type, checked, locale));
        } catch (RejectedExecutionException e) {
            throw new Refusal(503, Map.of("error", ConsoleTexts.get(locale, "error.checksBusy")));
        }
        return true;
    }

    /** Runs the check (network I/O, bounded by the connection's timeouts) on a check thread and answers. */
    private void answerCheck(
            HttpExchange exchange, String name, ConnectionType type, ObjectEditor.Checked checked, Locale locale) {
        try {
            CheckResult result = type.check(
                    checked.configuration(), new WorkspaceConnectorContext(Workspace.dataDirectory(workspace), null));
            HttpReplies.json(exchange, 200, CheckJson.of(name, type, result, locale));
        } catch (RuntimeException | IOException e) {
            LOG.warn("console check of {} failed: {}", name, e.getClass().getName());
            try {
                HttpReplies.error(exchange, 500, ConsoleTexts.get(locale, "error.internal"));
            } catch (IOException | RuntimeException ignored) {
                // the client is gone or the answer was already started
            }
        } finally {
            exchange.close();
        }
    }

    private void journal(HttpExchange exchange, String name, Locale locale) throws IOException, Refusal {
        ObjectStore.Stored stored = existing(ObjectKind.CONNECTION, name, locale);
        ConnectionType type = connectors
                .connectionType(String.valueOf(stored.values().get("type")))
                .orElseThrow(() -> new Refusal(404, Map.of("error", ConsoleTexts.get(locale, "error.unknown", name))));
        // the journal only needs the name: open it even when, say, the password's variable is unset here
        ObjectEditor.Checked checked = editor.check(ObjectKind.CONNECTION, stored.values(), locale, Map.of());
        InputStream journal = type.openJournal(
                checked.configuration(), new WorkspaceConnectorContext(Workspace.dataDirectory(workspace), null));
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + name + "-journal.log\"");
        HttpReplies.stream(exchange, "text/plain; charset=utf-8", journal);
    }

    private ObjectEditor.Checked valid(
            ObjectKind kind, ObjectEditor.Merged merged, Locale locale, Map<String, Object> overrides)
            throws IOException, Refusal {
        ObjectEditor.Checked checked = editor.check(kind, merged, locale, overrides);
        if (!checked.valid()) {
            throw new Refusal(422, fields(checked.problems()));
        }
        return checked;
    }

    /**
     * {@code POST /api/validate} with {@code {kind: "connections"|"paths", type, name, values}}: the problems of the
     * form as it is, unsaved, exactly as a save would find them ({@code scenario validate}'s rules, one rule for the
     * page and the server), e.g. an unknown {@code {Attr}} in a template while it is typed. {@code name} is the saved
     * object the form edits (its stored secrets count as given), absent for a new one. Writes nothing; answers 200 with
     * {@code [{property, code, message}]}, empty when the form is valid.
     */
    private List<Map<String, Object>> validate(HttpExchange exchange, Locale locale) throws IOException, Refusal {
        Map<String, Object> body = body(exchange, locale);
        ObjectKind kind = ObjectKind.ofFolder(String.valueOf(body.get("kind")));
        if (kind == null) {
            throw new Refusal(400, Map.of("error", ConsoleTexts.get(locale, "error.notFound")));
        }
        Map<String, Object> submitted = values(body, locale);
        Object editing = body.get("name");
        Map<String, Object> saved = editing instanceof String existing && Descriptors.isSystemName(existing)
                ? store.find(kind, existing).map(ObjectStore.Stored::values).orElse(Map.of())
                : Map.of();
        String name = String.valueOf(submitted.getOrDefault("systemName", "")).trim();
        String typeId = String.valueOf(body.getOrDefault("type", saved.getOrDefault("type", "")));
        ObjectEditor.Merged merged = editor.merge(kind, typeId, name, submitted, saved);
        return fields(editor.check(kind, merged, locale, Map.of()).problems());
    }

    /**
     * Problems as the API answers them (HTTP 422) and the page shows them next to their fields: {@code [{property,
     * code, message}]}; the message is in the request's language and never a secret.
     */
    private static List<Map<String, Object>> fields(List<Problem> problems) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Problem p : problems) {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("property", p.property());
            field.put("code", p.code());
            field.put("message", p.message());
            out.add(field);
        }
        return out;
    }

    private ObjectStore.Stored existing(ObjectKind kind, String name, Locale locale) throws IOException, Refusal {
        return store.find(kind, name)
                .orElseThrow(() -> new Refusal(404, Map.of("error", ConsoleTexts.get(locale, "error.unknown", name))));
    }

    private void allow(String method, String allowed, Locale locale) throws Refusal {
        if (!List.of(allowed.split(", ")).contains(method)) {
            throw new Refusal(405, Map.of("error", ConsoleTexts.get(locale, "error.method", allowed)));
        }
    }

    private static Map<String, Object> body(HttpExchange exchange, Locale locale) throws IOException, Refusal {
        byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new Refusal(413, Map.of("error", ConsoleTexts.get(locale, "error.tooLarge")));
        }
        if (bytes.length == 0) {
            return Map.of();
        }
        try {
            Map<String, Object> body = HttpReplies.JSON.readValue(bytes, MAP);
            return body == null ? Map.of() : body;
        } catch (IOException e) {
            throw new Refusal(400, Map.of("error", ConsoleTexts.get(locale, "error.json")));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(Map<String, Object> body, Locale locale) throws Refusal {
        Object values = body.get("values");
        if (!(values instanceof Map<?, ?>)) {
            throw new Refusal(400, Map.of("error", ConsoleTexts.get(locale, "error.values")));
        }
        return (Map<String, Object>) values;
    }
}
