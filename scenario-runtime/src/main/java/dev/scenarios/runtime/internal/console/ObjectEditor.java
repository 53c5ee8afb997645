package dev.scenarios.runtime.internal.console;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.ValidationResult;
import dev.scenarios.connector.api.support.Descriptors;
import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.Problem;
import dev.scenarios.runtime.internal.text.Texts;
import dev.scenarios.runtime.internal.workspace.DeliveryOptions;
import dev.scenarios.runtime.internal.workspace.ObjectFile;
import dev.scenarios.runtime.internal.workspace.RuntimeProperties;
import dev.scenarios.runtime.internal.workspace.StepResponses;
import dev.scenarios.runtime.internal.workspace.ValueResolver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns what a client submits into what the workspace stores, and validates it the way {@code scenario validate} does:
 * the values are rendered as the YAML file they would become and read back with the workspace's own reader (so
 * {@code ${env:…}} and {@code ${file:…}} resolve as at run time), then checked by the type. Secrets are write-only:
 * {@link #view} never returns them and {@link #merge} keeps the stored one when the client leaves it empty. Reads files
 * (resolver).
 */
final class ObjectEditor {

    /** A submission, validated: the values to store (as written), the type's configuration, and every problem. */
    record Checked(Map<String, Object> values, Configuration configuration, List<Problem> problems) {
        boolean valid() {
            return problems.isEmpty();
        }
    }

    private final Path workspace;
    private final Connectors connectors;
    private final Map<String, String> environment;
    private final ObjectStore store;

    ObjectEditor(Path workspace, Connectors connectors, Map<String, String> environment, ObjectStore store) {
        this.workspace = workspace;
        this.connectors = connectors;
        this.environment = Map.copyOf(environment);
        this.store = store;
    }

    /** The descriptors of type {@code typeId} of {@code kind}, empty when no connector declares it. Pure. */
    Optional<List<PropertyDescriptor>> descriptors(ObjectKind kind, String typeId) {
        return kind == ObjectKind.CONNECTION
                ? connectors.connectionType(typeId).map(ConnectionType::properties)
                : connectors.pathType(typeId).map(RuntimeProperties::of);
    }

    /**
     * A submission merged with the stored object: the values to validate and store, and the secrets the client typed. A
     * typed secret is always literal text (never resolved as a reference, or a console user could send any environment
     * variable to a server of their choice) and is stored in a file, never in the YAML; see {@link ConsoleApi}.
     */
    record Merged(Map<String, Object> values, Map<String, String> typedSecrets) {}

    /**
     * The values to store for {@code name}: {@code type}, {@code systemName}, then every submitted value that is not
     * empty, the keys of {@code stored} in its order; a secret left empty or absent keeps {@code stored}'s value (which
     * may be a {@code ${env:…}} reference). Pure.
     */
    Merged merge(
            ObjectKind kind, String typeId, String name, Map<String, Object> submitted, Map<String, Object> stored) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, String> typed = new LinkedHashMap<>();
        out.put("type", typeId);
        out.put("systemName", name);
        List<PropertyDescriptor> descriptors = descriptors(kind, typeId).orElse(List.of());
        submitted.forEach((key, value) -> {
            if (!key.equals("type") && !key.equals("systemName") && !isEmpty(value)) {
                out.put(key, value);
                if (value instanceof String text
                        && descriptors.stream()
                                .anyMatch(d -> d.secret() && d.name().equals(key))) {
                    typed.put(key, text);
                }
            }
        });
        for (PropertyDescriptor d : descriptors) {
            if (d.secret() && !out.containsKey(d.name()) && !isEmpty(stored.get(d.name()))) {
                out.put(d.name(), stored.get(d.name()));
            }
        }
        return new Merged(inStoredOrder(out, stored), typed);
    }

    /**
     * {@code values} with the keys the stored file has in that file's order, then the new ones: a save changes the
     * values a user changed, not the order someone wrote the file in. Pure.
     */
    private static Map<String, Object> inStoredOrder(Map<String, Object> values, Map<String, Object> stored) {
        Map<String, Object> out = new LinkedHashMap<>();
        stored.keySet().stream().filter(values::containsKey).forEach(key -> out.put(key, values.get(key)));
        values.forEach(out::putIfAbsent);
        return out;
    }

    /**
     * The secrets that {@code merged} would take from {@code stored} although the destination (the connection type's
     * {@link ConnectionType#destinationProperties()}) changed: each must be typed again, or the saved password would go
     * to whatever server the client names. Empty for paths, for a new object, or when the destination is unchanged.
     * Pure.
     */
    List<Problem> secretsToRetype(ObjectKind kind, Merged merged, Map<String, Object> stored, Locale locale) {
        if (kind != ObjectKind.CONNECTION || stored.isEmpty()) {
            return List.of();
        }
        String typeId = String.valueOf(merged.values().get("type"));
        Optional<ConnectionType> type = connectors.connectionType(typeId);
        if (type.isEmpty()) {
            return List.of();
        }
        Configuration before = Configuration.of(type.get().properties(), stored);
        Configuration after = Configuration.of(type.get().properties(), merged.values());
        List<String> changed = type.get().destinationProperties().stream()
                .sorted()
                .filter(p -> !String.valueOf(before.string(p)).equals(String.valueOf(after.string(p))))
                .toList();
        boolean sameType = typeId.equals(String.valueOf(stored.get("type")));
        List<Problem> out = new ArrayList<>();
        for (PropertyDescriptor d : type.get().properties()) {
            boolean kept = d.secret()
                    && !merged.typedSecrets().containsKey(d.name())
                    && !isEmpty(merged.values().get(d.name()));
            if (kept && (!changed.isEmpty() || !sameType)) {
                out.add(new Problem(
                        "",
                        0,
                        "",
                        d.name(),
                        ConsoleTexts.get(
                                locale,
                                "problem.secretRetype",
                                d.label(locale),
                                String.join(", ", sameType ? changed : List.of("type"))),
                        "secret.retype"));
            }
        }
        return out;
    }

    /**
     * Validates {@code values} (as {@link #merge} made them) in {@code locale}. {@code overrides} (the dev inbox's, or
     * empty) are laid over a connection first, as {@code Workspace.load} does.
     */
    Checked check(ObjectKind kind, Map<String, Object> values, Locale locale, Map<String, Object> overrides)
            throws IOException {
        return check(kind, new Merged(values, Map.of()), locale, overrides);
    }

    /**
     * Validates {@code merged} in {@code locale}: its typed secrets as the literal text typed, the rest as the
     * workspace would read it. {@code overrides} as in {@link #check(ObjectKind, Map, Locale, Map)}.
     */
    Checked check(ObjectKind kind, Merged merged, Locale locale, Map<String, Object> overrides) throws IOException {
        Map<String, Object> values = merged.values();
        Map<String, Object> readable = new LinkedHashMap<>(values);
        merged.typedSecrets().keySet().forEach(readable::remove);
        List<Problem> problems = new ArrayList<>();
        String name = String.valueOf(values.get("systemName"));
        String fileName = kind.folder + "/" + name + ".yaml";
        if (!Descriptors.isSystemName(name)) {
            problems.add(new Problem(fileName, 1, "", "systemName", ConsoleTexts.get(locale, "problem.name"), "name"));
        }
        String typeId = String.valueOf(values.get("type"));
        Function<String, Optional<List<PropertyDescriptor>>> descriptorsOf = id -> descriptors(kind, id);
        List<String> knownTypes = kind == ObjectKind.CONNECTION
                ? connectors.connectionTypes().stream().map(ConnectionType::id).toList()
                : connectors.pathTypes().stream().map(PathType::id).toList();
        ValueResolver resolver = new ValueResolver(workspace, environment, locale);
        if (kind == ObjectKind.PATH) {
            // a path is read without its connections: tell the resolver which files hold their secrets
            for (ObjectStore.Stored connection : store.list(ObjectKind.CONNECTION)) {
                connection.values().values().forEach(v -> resolver.reserveSecretFile(String.valueOf(v)));
            }
        }
        ObjectFile file = ObjectFile.read(
                fileName, ObjectStore.toYaml(readable), kind.label, descriptorsOf, knownTypes, resolver, locale);
        Optional<List<PropertyDescriptor>> descriptors = descriptorsOf.apply(typeId);
        if (descriptors.isEmpty()) {
            file.problems().forEach(p -> problems.add(p.withCode("type")));
            return new Checked(values, null, problems);
        }
        List<PropertyDescriptor> own = descriptors.get();
        if (kind == ObjectKind.PATH) {
            // delivery:, retry:, bus:, response: and errorResponse: are the runtime's: checked and taken out as
            // Workspace.load does, so the type never sees them.
            List<Problem> runtimeProblems = new ArrayList<>();
            DeliveryOptions.take(file, locale, runtimeProblems);
            StepResponses.take(file, locale, runtimeProblems);
            DeliveryOptions.takeBus(file, locale, runtimeProblems);
            runtimeProblems.forEach(p -> problems.add(p.withCode("runtime")));
            own = connectors.pathType(typeId).orElseThrow().properties();
        }
        Map<String, Object> effective = new LinkedHashMap<>(file.values());
        effective.putAll(merged.typedSecrets());
        effective.putAll(overrides);
        Configuration configuration = Configuration.of(own, effective);
        file.forgetUnresolved(property -> overrides.containsKey(property)
                || configuration
                        .descriptor(property)
                        .map(d -> !configuration.isVisible(d))
                        .orElse(false));
        file.problems().forEach(p -> problems.add(p.withCode("reference")));
        merged.typedSecrets().forEach((property, text) -> {
            if (ValueResolver.looksLikeReference(text)) {
                // typed text is never resolved: ${env:…} here would send any variable to any server
                problems.add(file.problemAt(property, Texts.get(locale, "reference.typed"))
                        .withCode("reference"));
            }
        });
        for (ValidationResult.Problem p : validate(kind, typeId, configuration).problems()) {
            if (!file.unresolved(p.property())) {
                problems.add(file.problemAt(p.property(), p.message(locale)).withCode(p.code()));
            }
        }
        if (kind == ObjectKind.PATH) {
            checkConnection(file, typeId, configuration, locale, problems);
        }
        return new Checked(values, configuration, problems);
    }

    private ValidationResult validate(ObjectKind kind, String typeId, Configuration configuration) {
        return kind == ObjectKind.CONNECTION
                ? connectors.connectionType(typeId).orElseThrow().validate(configuration)
                : connectors.pathType(typeId).orElseThrow().validate(configuration);
    }

    private void checkConnection(
            ObjectFile file, String typeId, Configuration configuration, Locale locale, List<Problem> problems)
            throws IOException {
        String connection = configuration.string("connection");
        if (connection == null
                || connection.isEmpty()
                || problems.stream().anyMatch(p -> p.property().equals("connection"))) {
            return;
        }
        Optional<ObjectStore.Stored> target = store.find(ObjectKind.CONNECTION, connection);
        String wanted = connectors.pathType(typeId).orElseThrow().connectionTypeId();
        if (target.isEmpty()) {
            problems.add(file.problemAt("connection", Texts.get(locale, "path.connection.missing", connection))
                    .withCode("connection.missing"));
        } else if (!wanted.equals(String.valueOf(target.get().values().get("type")))) {
            problems.add(file.problemAt(
                            "connection",
                            Texts.get(
                                    locale,
                                    "path.connection.wrongType",
                                    connection,
                                    target.get().values().get("type"),
                                    wanted))
                    .withCode("connection.type"));
        }
    }

    /**
     * What a client may see of {@code stored}: its name, type, file, every value except secrets, the names of the
     * secrets that are set, and where each is kept (a file or a variable, never the value). Pure.
     */
    Map<String, Object> view(ObjectKind kind, ObjectStore.Stored stored) {
        String typeId = String.valueOf(stored.values().get("type"));
        Optional<List<PropertyDescriptor>> known = descriptors(kind, typeId);
        List<PropertyDescriptor> descriptors = known.orElse(List.of());
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> secretsSet = new ArrayList<>();
        Map<String, Object> secretSources = new LinkedHashMap<>();
        // of a type no connector declares nothing is known to be secret, so nothing is shown
        Map<String, Object> shown = known.isPresent() ? stored.values() : Map.of();
        shown.forEach((key, value) -> {
            boolean secret =
                    descriptors.stream().anyMatch(d -> d.secret() && d.name().equals(key));
            if (secret) {
                if (!isEmpty(value)) {
                    secretsSet.add(key);
                    secretSources.put(
                            key,
                            ValueResolver.reference(String.valueOf(value))
                                    .<Map<String, String>>map(r -> Map.of(r.kind(), r.name()))
                                    .orElse(Map.of("inline", "")));
                }
            } else if (!key.equals("type")) {
                values.put(key, value);
            }
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("systemName", stored.systemName());
        out.put("type", typeId);
        out.put("file", stored.file());
        out.put("values", values);
        out.put("secretsSet", secretsSet);
        out.put("secretSources", secretSources);
        return out;
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof String s && s.isBlank();
    }
}
