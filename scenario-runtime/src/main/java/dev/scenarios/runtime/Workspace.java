package dev.scenarios.runtime;

import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.runtime.internal.workspace.StepResponses;
import dev.scenarios.runtime.internal.workspace.WorkspaceLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A workspace folder, loaded and validated: {@code connections/*.yaml}, {@code paths/*.yaml}, {@code scenarios/*.yaml}
 * (Camel YAML DSL), the optional {@code workspace.yaml} (where the queue lives) and the runtime's data under
 * {@code data/}. Loading finds every problem at once ({@code internal.workspace.WorkspaceLoader} does it); nothing runs
 * until {@link #problems()} is empty. Immutable.
 */
public final class Workspace {

    private final Path directory;
    private final List<ConnectionDefinition> connections;
    private final List<PathDefinition> paths;
    private final List<Path> scenarioFiles;
    private final List<Problem> problems;
    private final Map<String, DeliveryPolicy> deliveryPolicies;
    private final Map<String, StepResponses> stepResponses;
    private final QueueSettings queueSettings;
    private final Map<String, Integer> buses;

    /**
     * A loaded workspace; called by {@code WorkspaceLoader}, which reads and validates the folder. Other callers use
     * {@link #load(Path, Connectors, Map, Locale)}.
     */
    public Workspace(
            Path directory,
            List<ConnectionDefinition> connections,
            List<PathDefinition> paths,
            List<Path> scenarioFiles,
            List<Problem> problems,
            Map<String, DeliveryPolicy> deliveryPolicies,
            Map<String, StepResponses> stepResponses,
            Map<String, Integer> buses) {
        this(
                directory,
                connections,
                paths,
                scenarioFiles,
                problems,
                deliveryPolicies,
                stepResponses,
                buses,
                QueueSettings.FILE);
    }

    /** A loaded workspace with the queue settings of its {@code workspace.yaml}; called by {@code WorkspaceLoader}. */
    public Workspace(
            Path directory,
            List<ConnectionDefinition> connections,
            List<PathDefinition> paths,
            List<Path> scenarioFiles,
            List<Problem> problems,
            Map<String, DeliveryPolicy> deliveryPolicies,
            Map<String, StepResponses> stepResponses,
            Map<String, Integer> buses,
            QueueSettings queueSettings) {
        this.directory = directory;
        this.buses = Map.copyOf(buses);
        this.stepResponses = Map.copyOf(stepResponses);
        this.queueSettings = queueSettings;
        this.deliveryPolicies = Map.copyOf(deliveryPolicies);
        this.connections = List.copyOf(connections);
        this.paths = List.copyOf(paths);
        this.scenarioFiles = List.copyOf(scenarioFiles);
        this.problems = List.copyOf(problems);
    }

    /** Thrown when {@code directory} is not a workspace at all (missing, or a file). */
    public static final class NotAWorkspaceException extends RuntimeException {
        /** Called by the loader with a message in the caller's language. */
        public NotAWorkspaceException(String message) {
            super(message);
        }
    }

    /**
     * Reads and validates the workspace in {@code directory}: reads its files (I/O), resolves {@code ${env:…}} from
     * {@code environment} and {@code ${file:…}} from the workspace, runs every type's validation, checks names and
     * references across files, and loads each scenario into a Camel context that is never started. Problem texts are in
     * {@code locale}.
     *
     * @throws NotAWorkspaceException if {@code directory} is not a folder
     */
    public static Workspace load(
            Path directory, Connectors connectors, Map<String, String> environment, Locale locale) {
        return load(directory, connectors, environment, locale, type -> Map.of());
    }

    /**
     * Like {@link #load(Path, Connectors, Map, Locale)}, with {@code connectionOverrides} of each connection type laid
     * over every connection of that type before validation, e.g. the dev inbox's
     * {@link ConnectionType#devInboxOverrides}. A secret that is missing but not used under the overrides (overridden,
     * or hidden because e.g. authentication became {@code none}) is then not a problem, so a workspace can run against
     * the dev inbox without its real passwords.
     */
    public static Workspace load(
            Path directory,
            Connectors connectors,
            Map<String, String> environment,
            Locale locale,
            Function<ConnectionType, Map<String, Object>> connectionOverrides) {
        return WorkspaceLoader.load(directory, connectors, environment, locale, connectionOverrides);
    }

    /** The workspace folder, absolute. */
    public Path directory() {
        return directory;
    }

    /** Where connectors write (journals under {@code journals/}): {@code <workspace>/data}. */
    public Path dataDirectory() {
        return dataDirectory(directory);
    }

    /** The data folder of the workspace in {@code folder}, for callers that hold only the folder (the console). */
    public static Path dataDirectory(Path folder) {
        return folder.resolve("data");
    }

    /** The queue folder of the workspace in {@code folder}; see {@link #queueDirectory()}. */
    public static Path queueDirectory(Path folder) {
        return dataDirectory(folder).resolve("queue");
    }

    /** Every problem, ordered by file and line; empty when the workspace may run. */
    public List<Problem> problems() {
        return problems;
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** The connections whose type is known, in file order. */
    public List<ConnectionDefinition> connections() {
        return connections;
    }

    /** The paths whose type is known, in file order. */
    public List<PathDefinition> paths() {
        return paths;
    }

    /** The scenario files, sorted by name. */
    public List<Path> scenarioFiles() {
        return scenarioFiles;
    }

    public Optional<ConnectionDefinition> connection(String systemName) {
        return connections.stream()
                .filter(c -> systemName.equals(c.systemName()))
                .findFirst();
    }

    /**
     * How path {@code systemName} delivers: its file's {@code delivery:} and {@code retry:}, or the direct defaults for
     * a path not in the workspace.
     */
    public DeliveryPolicy deliveryPolicy(String systemName) {
        return deliveryPolicies.getOrDefault(systemName, DeliveryPolicy.DIRECT);
    }

    /**
     * What path {@code systemName}'s {@code response:} and {@code errorResponse:} declare; none for a path not in the
     * workspace.
     */
    public StepResponses stepResponses(String systemName) {
        return stepResponses.getOrDefault(systemName, StepResponses.NONE);
    }

    /** Where the queue lives: {@code workspace.yaml}'s {@code queue:}, the file store when absent. */
    public QueueSettings queueSettings() {
        return queueSettings;
    }

    /**
     * The data bus (0 to 3) of path {@code systemName}, whose own queue sender delivers its queued and async messages;
     * 0 for a path not in the workspace.
     */
    public int bus(String systemName) {
        return buses.getOrDefault(systemName, 0);
    }

    /** The folder of the file store of {@code delivery: queued} paths: {@code <workspace>/data/queue}. */
    public Path queueDirectory() {
        return queueDirectory(directory);
    }

    public Optional<PathDefinition> path(String systemName) {
        return paths.stream().filter(p -> systemName.equals(p.systemName())).findFirst();
    }
}
