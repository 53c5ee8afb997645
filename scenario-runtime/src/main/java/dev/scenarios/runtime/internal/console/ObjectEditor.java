package dev.scenarios.runtime.internal.console;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.ValidationResult;
import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.Problem;
import dev.scenarios.runtime.internal.text.Texts;
import dev.scenarios.runtime.internal.workspace.DeliveryOptions;
import dev.scenarios.runtime.internal.workspace.ObjectFile;
import dev.scenarios.runtime.internal.workspace.RuntimeProperties;
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
 * Turns what a client submits into what the workspace stores, and validates it the way
 * {@code scenario validate} does: the values are rendered as the YAML file they would become and
 * read back with the workspace's own reader (so {@code ${env:…}} and {@code ${file:…}} resolve as
 * at run time), then checked by the type. Secrets are write-only: {@link #view} never returns them
 * and {@link #merge} keeps the stored one when the client leaves it empty. Reads files (resolver).
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
     * The values to store for {@code name}: {@code type}, {@code systemName}, then every submitted value
     * that is not empty; a secret left empty or absent keeps {@code stored}'s value (which may be a
     * {@code ${env:…}} reference). Pure.
     */
    Map<String, Object> merge(ObjectKind kind, String typeId, String name, Map<String, Object> submitted, Map<String, Object> stored) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", typeId);
        out.put("systemName", name);
        submitted.forEach((key, value) -> {
            if (!key.equals("type") && !key.equals("systemName") && !isEmpty(value)) {
                out.put(key, value);
            }
        });
        for (PropertyDescriptor d : descriptors(kind, typeId).orElse(List.of())) {
            if (d.secret() && !out.containsKey(d.name()) && !isEmpty(stored.get(d.name()))) {
                out.put(d.name(), stored.get(d.name()));
            }
        }
        return out;
    }

    /**
     * Validates {@code values} (as {@link #merge} made them) in {@code locale}. {@code overrides}
     * (the dev inbox's, or empty) are laid over a connection first, as {@code Workspace.load} does.
     */
    Checked check(ObjectKind kind, Map<String, Object> values, Locale locale, Map<String, Object> overrides) throws IOException {
        List<Problem> problems = new ArrayList<>();
        String name = String.valueOf(values.get("systemName"));
        String fileName = kind.folder + "/" + name + ".yaml";
        if (!ObjectStore.NAME.matcher(name).matches()) {
            problems.add(new Problem(fileName, 1, "", "systemName", ConsoleTexts.get(locale, "problem.name"), "name"));
        }
        String typeId = String.valueOf(values.get("type"));
        Function<String, Optional<List<PropertyDescriptor>>> descriptorsOf = id -> descriptors(kind, id);
        List<String> knownTypes = kind == ObjectKind.CONNECTION
                ? connectors.connectionTypes().stream().map(ConnectionType::id).toList()
                : connectors.pathTypes().stream().map(PathType::id).toList();
        ObjectFile file = ObjectFile.read(fileName, ObjectStore.toYaml(values), kind.label, descriptorsOf,
                knownTypes, new ValueResolver(workspace, environment, locale), locale);
        Optional<List<PropertyDescriptor>> descriptors = descriptorsOf.apply(typeId);
        if (descriptors.isEmpty()) {
            file.problems().forEach(p -> problems.add(p.withCode("type")));
            return new Checked(values, null, problems);
        }
        List<PropertyDescriptor> own = descriptors.get();
        if (kind == ObjectKind.PATH) {
            // delivery: and retry: are the runtime's: checked and taken out as Workspace.load does, so the type never sees them.
            List<Problem> runtimeProblems = new ArrayList<>();
            DeliveryOptions.take(file, locale, runtimeProblems);
            runtimeProblems.forEach(p -> problems.add(p.withCode("runtime")));
            own = connectors.pathType(typeId).orElseThrow().properties();
        }
        Map<String, Object> effective = new LinkedHashMap<>(file.values());
        effective.putAll(overrides);
        Configuration configuration = Configuration.of(own, effective);
        file.forgetUnresolved(property -> overrides.containsKey(property)
                || configuration.descriptor(property).map(d -> !configuration.isVisible(d)).orElse(false));
        file.problems().forEach(p -> problems.add(p.withCode("reference")));
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

    private void checkConnection(ObjectFile file, String typeId, Configuration configuration, Locale locale, List<Problem> problems) throws IOException {
        String connection = configuration.string("connection");
        if (connection == null || connection.isEmpty() || problems.stream().anyMatch(p -> p.property().equals("connection"))) {
            return;
        }
        Optional<ObjectStore.Stored> target = store.find(ObjectKind.CONNECTION, connection);
        String wanted = connectors.pathType(typeId).orElseThrow().connectionTypeId();
        if (target.isEmpty()) {
            problems.add(file.problemAt("connection", Texts.get(locale, "path.connection.missing", connection)).withCode("connection.missing"));
        } else if (!wanted.equals(String.valueOf(target.get().values().get("type")))) {
            problems.add(file.problemAt("connection",
                    Texts.get(locale, "path.connection.wrongType", connection, target.get().values().get("type"), wanted)).withCode("connection.type"));
        }
    }

    /**
     * What a client may see of {@code stored}: its name, type, file, every value except secrets,
     * and the names of the secrets that are set. Pure.
     */
    Map<String, Object> view(ObjectKind kind, ObjectStore.Stored stored) {
        String typeId = String.valueOf(stored.values().get("type"));
        Optional<List<PropertyDescriptor>> known = descriptors(kind, typeId);
        List<PropertyDescriptor> descriptors = known.orElse(List.of());
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> secretsSet = new ArrayList<>();
        // of a type no connector declares nothing is known to be secret, so nothing is shown
        Map<String, Object> shown = known.isPresent() ? stored.values() : Map.of();
        shown.forEach((key, value) -> {
            boolean secret = descriptors.stream().anyMatch(d -> d.secret() && d.name().equals(key));
            if (secret) {
                if (!isEmpty(value)) {
                    secretsSet.add(key);
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
        return out;
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof String s && s.isBlank();
    }
}
