package dev.scenarios.runtime.internal.workspace;

import dev.scenarios.runtime.Problem;
import dev.scenarios.runtime.internal.text.Texts;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Loads each scenario with Camel's YAML DSL into a context that is never started, so that what Camel itself rejects (an
 * unknown step, a wrong option) is reported with the others before anything runs. Creates a Camel context; no network.
 */
public final class RouteCheck {

    private RouteCheck() {}

    /** An endpoint URI of a scenario file, with what a problem about it names. */
    public record EndpointAt(String file, String label, EndpointReferences.Endpoint endpoint) {}

    /**
     * The problems Camel finds in {@code files} (one per file that does not load, and route ids used twice), and the
     * {@code endpoints} whose scheme names no Camel component on the class path.
     */
    public static List<Problem> problems(Path workspace, List<Path> files, List<EndpointAt> endpoints, Locale locale) {
        List<Problem> out = new ArrayList<>();
        if (files.isEmpty()) {
            return out;
        }
        DefaultCamelContext camel = new DefaultCamelContext();
        URLClassLoader libraries = WorkspaceLibraries.classLoader(workspace);
        try {
            camel.getCamelContextExtension().setName("validate");
            if (libraries != null) {
                camel.setApplicationContextClassLoader(libraries);
            }
            Set<RouteDefinition> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            Map<String, String> fileOfRouteId = new HashMap<>();
            for (Path file : files) {
                String name = workspace.relativize(file).toString().replace('\\', '/');
                String label = Texts.get(locale, "object.scenario") + " " + stem(file);
                try {
                    Resource resource = ResourceHelper.resolveMandatoryResource(camel, "file:" + file.toAbsolutePath());
                    PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
                } catch (Exception e) {
                    out.add(new Problem(
                            name, line(e).orElse(1), label, "", Texts.get(locale, "scenario.camel", describe(e))));
                }
                // Camel would only refuse a repeated route id when the routes start.
                for (RouteDefinition route : camel.getRouteDefinitions()) {
                    if (seen.add(route) && route.hasCustomIdAssigned()) {
                        String first = fileOfRouteId.putIfAbsent(route.getRouteId(), name);
                        if (first != null) {
                            out.add(new Problem(
                                    name,
                                    1,
                                    label,
                                    "",
                                    Texts.get(locale, "scenario.routeId.duplicate", route.getRouteId(), first)));
                        }
                    }
                }
            }
            for (EndpointAt at : endpoints) {
                at.endpoint()
                        .scheme()
                        .filter(scheme -> !scheme.equals("path") && !componentExists(camel, scheme))
                        .ifPresent(scheme -> out.add(new Problem(
                                at.file(),
                                at.endpoint().line(),
                                at.label(),
                                "",
                                Texts.get(
                                        locale,
                                        "scenario.component.unknown",
                                        scheme,
                                        at.endpoint().uri()))));
            }
        } finally {
            camel.stop();
            WorkspaceLibraries.close(libraries);
        }
        return out;
    }

    private static boolean componentExists(DefaultCamelContext camel, String scheme) {
        try {
            return camel.getComponent(scheme) != null;
        } catch (RuntimeException e) {
            return true; // it exists but cannot be created without settings: not this check's business
        }
    }

    /** The 1-based line snakeyaml marked, if Camel's exception carries one. */
    static Optional<Integer> line(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYamlEngineException marked) {
                return marked.getProblemMark().map(m -> m.getLine() + 1);
            }
        }
        return Optional.empty();
    }

    /** The most specific message in the cause chain, first line only, without snakeyaml's location block. */
    static String describe(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t instanceof MarkedYamlEngineException marked ? marked.getProblem() : t.getMessage();
            if (m != null && !m.isBlank()) {
                message = m;
            }
        }
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }

    private static String stem(Path file) {
        String base = file.getFileName().toString();
        return base.substring(0, base.lastIndexOf('.'));
    }
}
