package dev.scenarios.runtime.internal.workspace;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.ValidationResult;
import dev.scenarios.runtime.ConnectionDefinition;
import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.DeliveryPolicy;
import dev.scenarios.runtime.PathDefinition;
import dev.scenarios.runtime.Problem;
import dev.scenarios.runtime.QueueSettings;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.runtime.internal.text.Texts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads and validates a workspace folder into a {@link Workspace}: {@code connections/*.yaml}, {@code paths/*.yaml},
 * {@code scenarios/*.yaml} and {@code workspace.yaml}. Called by {@link Workspace#load}; does file I/O.
 */
public final class WorkspaceLoader {

    private WorkspaceLoader() {}

    /**
     * Reads and validates the workspace in {@code directory}: reads its files (I/O), resolves {@code ${env:…}} from
     * {@code environment} and {@code ${file:…}} from the workspace, lays {@code connectionOverrides} of each connection
     * type over its connections, runs every type's validation, checks names and references across files, and checks
     * each scenario's endpoints. Problem texts are in {@code locale}.
     *
     * @throws Workspace.NotAWorkspaceException if {@code directory} is not a folder
     */
    public static Workspace load(
            Path directory,
            Connectors connectors,
            Map<String, String> environment,
            Locale locale,
            Function<ConnectionType, Map<String, Object>> connectionOverrides) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new Workspace.NotAWorkspaceException(Texts.get(locale, "workspace.missing", directory));
        }
        ValueResolver resolver = new ValueResolver(dir, environment, locale);
        List<Problem> problems = new ArrayList<>();
        QueueSettings queueSettings = WorkspaceSettings.read(dir, resolver, locale, problems);

        List<ObjectFile> connectionFiles = read(
                dir,
                "connections",
                "connection",
                id -> connectors.connectionType(id).map(ConnectionType::properties),
                connectors.connectionTypes().stream().map(ConnectionType::id).toList(),
                resolver,
                locale,
                problems);
        List<ObjectFile> pathFiles = read(
                dir,
                "paths",
                "path",
                id -> connectors.pathType(id).map(RuntimeProperties::of),
                connectors.pathTypes().stream().map(PathType::id).toList(),
                resolver,
                locale,
                problems);

        List<ConnectionDefinition> connections = new ArrayList<>();
        Map<String, ObjectFile> connectionByName = new HashMap<>();
        for (ObjectFile f : connectionFiles) {
            claimName(f, connectionByName, locale, problems);
            connectors.connectionType(f.typeId()).ifPresent(type -> {
                Map<String, Object> overrides = connectionOverrides.apply(type);
                Map<String, Object> values = new LinkedHashMap<>(f.values());
                values.putAll(overrides);
                Configuration config = Configuration.of(type.properties(), values);
                f.forgetUnresolved(property -> overrides.containsKey(property)
                        || config.descriptor(property)
                                .map(d -> !config.isVisible(d))
                                .orElse(false));
                int before = problems.size();
                report(f, type.validate(config), problems);
                connections.add(new ConnectionDefinition(
                        f.file(),
                        f.systemName(),
                        type,
                        config,
                        problems.size() == before && f.problems().isEmpty()));
            });
            problems.addAll(f.problems());
        }

        List<PathDefinition> paths = new ArrayList<>();
        Map<String, ObjectFile> pathByName = new HashMap<>();
        Set<String> receivingPaths = new HashSet<>();
        Map<String, DeliveryPolicy> policies = new HashMap<>();
        Map<String, StepResponses> responses = new HashMap<>();
        Map<String, Integer> buses = new HashMap<>();
        for (ObjectFile f : pathFiles) {
            claimName(f, pathByName, locale, problems);
            connectors.pathType(f.typeId()).ifPresent(type -> {
                if (type.direction() == PathType.Direction.RECEIVE && f.systemName() != null) {
                    receivingPaths.add(f.systemName());
                }
                // delivery:, retry:, bus:, response: and errorResponse: are the runtime's; the path type must not see
                // them.
                DeliveryPolicy policy = DeliveryOptions.take(f, locale, problems);
                StepResponses shapes = StepResponses.take(f, locale, problems);
                int bus = DeliveryOptions.takeBus(f, locale, problems);
                if (f.systemName() != null) {
                    buses.putIfAbsent(f.systemName(), bus);
                    policies.putIfAbsent(f.systemName(), policy);
                    responses.putIfAbsent(f.systemName(), shapes);
                }
                Configuration config = Configuration.of(type.properties(), f.values());
                int before = problems.size();
                report(f, type.validate(config), problems);
                checkConnection(f, type, config, connectionByName, connections, locale, problems);
                paths.add(new PathDefinition(
                        f.file(),
                        f.systemName(),
                        type,
                        config,
                        problems.size() == before && f.problems().isEmpty()));
            });
            problems.addAll(f.problems());
        }

        List<Path> scenarioFiles = yamlFiles(dir.resolve("scenarios"));
        boolean scenariosReadable = true;
        List<RouteCheck.EndpointAt> endpoints = new ArrayList<>();
        for (Path file : scenarioFiles) {
            scenariosReadable &= checkScenario(dir, file, pathByName, receivingPaths, locale, problems, endpoints);
        }
        if (scenariosReadable) {
            problems.addAll(RouteCheck.problems(dir, scenarioFiles, endpoints, locale));
            checkPlaceholders(dir, scenarioFiles, endpoints, locale, problems);
        }
        problems.sort(Problem.IN_FILE_ORDER);
        return new Workspace(
                dir, connections, paths, scenarioFiles, problems, policies, responses, buses, queueSettings);
    }

    private static List<ObjectFile> read(
            Path dir,
            String folder,
            String kind,
            Function<String, Optional<List<PropertyDescriptor>>> descriptorsOf,
            List<String> knownTypes,
            ValueResolver resolver,
            Locale locale,
            List<Problem> problems) {
        List<ObjectFile> out = new ArrayList<>();
        for (Path file : yamlFiles(dir.resolve(folder))) {
            String name = relative(dir, file);
            Optional<String> text = readText(file, name, locale, problems);
            if (text.isPresent()) {
                out.add(ObjectFile.read(name, text.get(), kind, descriptorsOf, knownTypes, resolver, locale));
            }
        }
        return out;
    }

    private static void claimName(ObjectFile f, Map<String, ObjectFile> byName, Locale locale, List<Problem> problems) {
        if (f.systemName() == null || f.systemName().isBlank()) {
            return;
        }
        ObjectFile first = byName.putIfAbsent(f.systemName(), f);
        if (first != null) {
            problems.add(f.problemAt("systemName", Texts.get(locale, "name.duplicate", f.systemName(), first.file())));
        }
    }

    private static void report(ObjectFile f, ValidationResult result, List<Problem> problems) {
        for (ValidationResult.Problem p : result.problems()) {
            if (!f.unresolved(p.property())) {
                problems.add(f.problemAt(p.property(), p.message(localeOf(f))));
            }
        }
    }

    private static void checkConnection(
            ObjectFile f,
            PathType type,
            Configuration config,
            Map<String, ObjectFile> connectionByName,
            List<ConnectionDefinition> connections,
            Locale locale,
            List<Problem> problems) {
        String name = config.string("connection");
        if (name == null || name.isEmpty()) {
            return;
        }
        ObjectFile target = connectionByName.get(name);
        if (target == null) {
            problems.add(f.problemAt("connection", Texts.get(locale, "path.connection.missing", name)));
            return;
        }
        if (!type.connectionTypeId().equals(target.typeId())) {
            problems.add(f.problemAt(
                    "connection",
                    Texts.get(locale, "path.connection.wrongType", name, target.typeId(), type.connectionTypeId())));
            return;
        }
        boolean pathEnabled = !new PathDefinition(f.file(), f.systemName(), type, config, false).disabled();
        boolean connectionDisabled =
                connections.stream().filter(c -> c.systemName().equals(name)).anyMatch(ConnectionDefinition::disabled);
        if (pathEnabled && connectionDisabled) {
            problems.add(f.problemAt("connection", Texts.get(locale, "path.connection.disabled", name)));
        }
    }

    private static boolean checkScenario(
            Path dir,
            Path file,
            Map<String, ObjectFile> pathByName,
            Set<String> receivingPaths,
            Locale locale,
            List<Problem> problems,
            List<RouteCheck.EndpointAt> endpoints) {
        String name = relative(dir, file);
        Optional<String> text = readText(file, name, locale, problems);
        if (text.isEmpty()) {
            return false;
        }
        String label = Texts.get(locale, "object.scenario") + " " + stem(file);
        YamlNode document;
        try {
            document = YamlReader.read(text.get());
        } catch (YamlReader.YamlException e) {
            problems.add(new Problem(name, e.line(), label, "", Texts.get(locale, "yaml.invalid", e.getMessage())));
            return false;
        }
        for (EndpointReferences.Endpoint endpoint : EndpointReferences.in(document)) {
            endpoints.add(new RouteCheck.EndpointAt(name, label, endpoint));
            endpoint.pathName().ifPresent(path -> {
                if (!pathByName.containsKey(path)) {
                    problems.add(new Problem(
                            name,
                            endpoint.line(),
                            label,
                            "",
                            Texts.get(locale, "scenario.path.unknown", path, endpoint.uri())));
                } else if (endpoint.consumer() && !receivingPaths.contains(path)) {
                    problems.add(new Problem(
                            name, endpoint.line(), label, "", Texts.get(locale, "scenario.path.notSource", path)));
                } else if (!endpoint.consumer() && receivingPaths.contains(path)) {
                    problems.add(new Problem(
                            name,
                            endpoint.line(),
                            label,
                            "",
                            Texts.get(locale, "scenario.path.notSender", path, endpoint.uri())));
                } else {
                    try {
                        if (endpoint.consumer()) {
                            PathSourceOptions.ofUri(endpoint.uri());
                        } else {
                            PathStepOptions.ofUri(endpoint.uri());
                        }
                    } catch (PathStepOptions.Invalid e) {
                        problems.add(new Problem(
                                name,
                                endpoint.line(),
                                label,
                                "",
                                Texts.get(locale, "scenario.path.options", e.message(locale), endpoint.uri())));
                    }
                }
            });
        }
        return true;
    }

    /**
     * Reports each {@code {{key}}} of a scenario that neither {@code application.properties} nor the runtime defines:
     * Camel would refuse it only when the route starts. Called once every scenario was read as UTF-8.
     */
    private static void checkPlaceholders(
            Path dir,
            List<Path> scenarioFiles,
            List<RouteCheck.EndpointAt> endpoints,
            Locale locale,
            List<Problem> problems) {
        Set<String> known = new HashSet<>(ApplicationProperties.builtIn());
        try {
            known.addAll(ApplicationProperties.read(dir).stringPropertyNames());
        } catch (IOException | IllegalArgumentException e) {
            problems.add(new Problem(
                    ApplicationProperties.FILE, 1, "", "", Texts.get(locale, "properties.unreadable", e.getMessage())));
            return;
        }
        // platform-http would find no server when the route starts.
        for (RouteCheck.EndpointAt at : endpoints) {
            if (at.endpoint().scheme().filter("platform-http"::equals).isPresent()
                    && !known.contains(ApplicationProperties.SERVER_PORT)) {
                problems.add(new Problem(
                        at.file(),
                        at.endpoint().line(),
                        at.label(),
                        "",
                        Texts.get(locale, "scenario.webhook.noServer", ApplicationProperties.SERVER_PORT)));
            }
        }
        for (Path file : scenarioFiles) {
            String name = relative(dir, file);
            String label = Texts.get(locale, "object.scenario") + " " + stem(file);
            readText(file, name, locale, problems).ifPresent(text -> {
                for (ApplicationProperties.Use use : ApplicationProperties.uses(text)) {
                    if (!known.contains(use.key())) {
                        problems.add(new Problem(
                                name,
                                use.line(),
                                label,
                                "",
                                Texts.get(locale, "scenario.placeholder.unknown", use.key())));
                    }
                }
            });
        }
    }

    private static Optional<String> readText(Path file, String name, Locale locale, List<Problem> problems) {
        try {
            // Refused before it is read: a huge file would otherwise cost its size in memory first.
            if (Files.size(file) > YamlReader.MAX_BYTES) {
                problems.add(new Problem(
                        name, 1, "", "", Texts.get(locale, "file.tooLarge", YamlReader.MAX_BYTES / (1024 * 1024))));
                return Optional.empty();
            }
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString());
        } catch (CharacterCodingException e) {
            problems.add(new Problem(name, 1, "", "", Texts.get(locale, "file.notUtf8")));
        } catch (IOException e) {
            problems.add(new Problem(name, 1, "", "", Texts.get(locale, "file.unreadable", name)));
        }
        return Optional.empty();
    }

    private static List<Path> yamlFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    private static String stem(Path file) {
        String base = file.getFileName().toString();
        return base.substring(0, base.lastIndexOf('.'));
    }

    private static Locale localeOf(ObjectFile f) {
        return f.locale();
    }
}
