package dev.scenarios.runtime;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.SendResult;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Camel component {@code path} for any Camel application (Camel Main, Spring Boot, plain Java DSL): {@code to:
 * path:<systemName>} sends one message through that path of a scenario workspace, in the application's own
 * CamelContext. Camel finds it by its scheme ({@code META-INF/services/org/apache/camel/component/path}); the one
 * setting is {@code camel.component.path.workspace=/srv/mail-workspace}. See {@code docs/camel-component.md}.
 *
 * <p>When the component starts it loads and validates the workspace (an invalid one fails the start, listing every
 * problem with its file and line), opens the enabled connections, takes the workspace's lock and sends its
 * {@code delivery: queued} messages, as {@code scenario run} would, but loads none of the workspace's scenarios.
 * Stopping it closes all that again.
 */
@Component("path")
public final class PathCamelComponent extends DefaultComponent {

    private static final Logger LOG = LoggerFactory.getLogger(PathCamelComponent.class);

    /** The component's one setting, as an application's properties name it. */
    static final String WORKSPACE_PROPERTY = "camel.component.path.workspace";

    @Metadata(
            required = true,
            description = "The workspace folder (holding connections/ and paths/); a relative one is against the"
                    + " working folder")
    private String workspace;

    private ScenarioRuntime runtime;

    /** For Camel, which makes the component from its scheme; set {@link #setWorkspace(String)} before it starts. */
    public PathCamelComponent() {}

    /** A component for the workspace in {@code workspace}, for a Java DSL application that adds it itself. */
    public PathCamelComponent(Path workspace) {
        this.workspace = workspace.toString();
    }

    /**
     * The workspace folder (holding {@code connections/} and {@code paths/}); a relative one is against the working
     * folder.
     */
    public String getWorkspace() {
        return workspace;
    }

    /** Sets the workspace folder; {@code camel.component.path.workspace} in Camel Main's properties calls this. */
    public void setWorkspace(String workspace) {
        this.workspace = workspace;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        bound();
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            if (runtime != null) {
                runtime.close();
                runtime = null;
            }
        }
        super.doStop();
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        return bound().pathComponent().delegatedEndpoint(uri, remaining, parameters);
    }

    /**
     * The workspace bound in this CamelContext, binding it on first use: routes may ask for their endpoints before the
     * component is started. Does I/O (reads the workspace, opens connections).
     */
    private synchronized ScenarioRuntime bound() throws Exception {
        if (runtime == null) {
            if (workspace == null || workspace.isBlank()) {
                // Camel Main binds camel.component.path.workspace onto setWorkspace; Spring Boot binds
                // camel.component.* only through a component's own starter. Its property placeholders read the
                // application's Environment, so reading the one setting there makes the same property enough.
                workspace = getCamelContext()
                        .getPropertiesComponent()
                        .resolveProperty(WORKSPACE_PROPERTY)
                        .orElse(null);
            }
            if (workspace == null || workspace.isBlank()) {
                throw new IllegalStateException(
                        "the path component needs a workspace folder: set " + WORKSPACE_PROPERTY);
            }
            Path folder = Path.of(workspace).toAbsolutePath().normalize();
            Workspace loaded = Workspace.load(folder, Connectors.fromClassPath(), System.getenv(), Locale.getDefault());
            if (!loaded.isValid()) {
                throw new IllegalStateException("the workspace " + folder + " has "
                        + loaded.problems().size() + " problems:\n"
                        + loaded.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")));
            }
            runtime = ScenarioRuntime.startIn(getCamelContext(), loaded, new LoggedSends());
        }
        return runtime;
    }

    /** One log line per message, as {@code scenario run} prints them; the reply and Message-ID hold no secret. */
    private static final class LoggedSends implements SendEvents {
        @Override
        public void sent(String path, SendResult result) {
            LOG.info("path {}: sent {}, server replied {}", path, result.messageId(), result.serverReply());
        }

        @Override
        public void failed(String path, DeliveryException failure) {
            LOG.warn(
                    "path {}: not sent ({}, reply code {}): {}",
                    path,
                    failure.kind(),
                    failure.replyCode(),
                    failure.getMessage());
        }
    }
}
