package dev.scenarios.runtime.internal.workspace;

import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.PropertyType;
import dev.scenarios.runtime.Problem;
import dev.scenarios.runtime.QueueSettings;
import dev.scenarios.runtime.internal.text.Texts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The workspace's own settings, {@code <workspace>/workspace.yaml}: today the {@code queue:} section
 * ({@link QueueSettings}). Declared as descriptors like a type's properties, so that {@code scenario types} lists them;
 * read and validated here with {@code file:line} problems. Called by {@code WorkspaceLoader}; reads the file and the
 * password's referenced file.
 */
public final class WorkspaceSettings {

    /** The file, relative to the workspace. */
    public static final String FILE = "workspace.yaml";

    private static final Messages MESSAGES = Messages.of("dev.scenarios.runtime.messages", WorkspaceSettings.class);
    private static final Set<String> QUEUE_KEYS = Set.of("store", "url", "username", "password", "schema", "limits");
    /** A schema name that needs no quoting in SQL: the store puts it into statements as it is. */
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** What {@code workspace.yaml} may hold; texts under {@code setting.queue} in the runtime's messages. */
    public static final List<PropertyDescriptor> PROPERTIES =
            List.of(PropertyDescriptor.builder("queue", "setting.queue", PropertyType.OBJECT, MESSAGES)
                    .group("runtime")
                    .item(
                            "store",
                            PropertyType.ENUM,
                            b -> b.allowedValues("file", "postgresql").defaultValue("file"))
                    .item("url", PropertyType.STRING, b -> b)
                    .item("username", PropertyType.STRING, b -> b)
                    .item("password", PropertyType.STRING, b -> b.secret())
                    .item("schema", PropertyType.STRING, b -> b.defaultValue(QueueSettings.DEFAULT_SCHEMA))
                    .item(
                            "limits",
                            PropertyType.ENUM,
                            b -> b.allowedValues("cluster", "runtime").defaultValue("cluster"))
                    .build());

    private WorkspaceSettings() {}

    /**
     * The queue settings of the workspace in {@code dir}: {@link QueueSettings#FILE} when it has no
     * {@code workspace.yaml}; otherwise the file's, with a problem added to {@code problems} for each bad value (and
     * then the file store, which never reaches a database with half its settings).
     */
    public static QueueSettings read(Path dir, ValueResolver resolver, Locale locale, List<Problem> problems) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return QueueSettings.FILE;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new Problem(FILE, 1, "", "", Texts.get(locale, "file.unreadable", FILE)));
            return QueueSettings.FILE;
        }
        String object = Texts.get(locale, "object.workspace");
        YamlNode root;
        try {
            root = YamlReader.read(text);
        } catch (YamlReader.YamlException e) {
            problems.add(new Problem(FILE, e.line(), object, "", Texts.get(locale, "yaml.invalid", e.getMessage())));
            return QueueSettings.FILE;
        }
        if (root.kind() == YamlNode.Kind.NULL) {
            return QueueSettings.FILE;
        }
        if (!root.isMapping()) {
            problems.add(new Problem(FILE, root.line(), object, "", Texts.get(locale, "settings.notMapping")));
            return QueueSettings.FILE;
        }
        int before = problems.size();
        root.fields().forEach((key, node) -> {
            if (!key.equals("queue")) {
                problems.add(new Problem(
                        FILE, node.line(), object, key, Texts.get(locale, "settings.unknown", key, "queue")));
            }
        });
        YamlNode queue = root.fields().get("queue");
        if (queue == null || queue.kind() == YamlNode.Kind.NULL) {
            return QueueSettings.FILE;
        }
        if (!queue.isMapping()) {
            problems.add(new Problem(FILE, queue.line(), object, "queue", Texts.get(locale, "settings.notMapping")));
            return QueueSettings.FILE;
        }
        Map<String, YamlNode> fields = queue.fields();
        fields.forEach((key, node) -> {
            if (!QUEUE_KEYS.contains(key)) {
                problems.add(new Problem(
                        FILE,
                        node.line(),
                        object,
                        "queue." + key,
                        Texts.get(
                                locale,
                                "settings.unknown",
                                key,
                                String.join(
                                        ", ", List.of("store", "url", "username", "password", "schema", "limits")))));
            }
        });
        String store = scalar(fields, "store", "file", object, locale, problems);
        QueueSettings.Store kind = switch (store.trim().toLowerCase(Locale.ROOT)) {
            case "file" -> QueueSettings.Store.FILE;
            case "postgresql" -> QueueSettings.Store.POSTGRESQL;
            default -> {
                problems.add(new Problem(
                        FILE,
                        fields.get("store").line(),
                        object,
                        "queue.store",
                        Texts.get(locale, "settings.queue.store", store, "file, postgresql")));
                yield QueueSettings.Store.FILE;
            }
        };
        String limits = scalar(fields, "limits", "cluster", object, locale, problems)
                .trim()
                .toLowerCase(Locale.ROOT);
        if (!limits.equals("cluster") && !limits.equals("runtime")) {
            problems.add(new Problem(
                    FILE,
                    fields.get("limits").line(),
                    object,
                    "queue.limits",
                    Texts.get(locale, "settings.queue.limits", limits, "cluster, runtime")));
        }
        String url = plain(fields, "url", resolver, object, locale, problems);
        String username = plain(fields, "username", resolver, object, locale, problems);
        String schema = plain(fields, "schema", resolver, object, locale, problems);
        String password = "";
        YamlNode passwordNode = fields.get("password");
        if (passwordNode != null && passwordNode.isScalar()) {
            ValueResolver.Resolved resolved = resolver.resolveSecret("queue.password", passwordNode.text());
            if (resolved.failed()) {
                problems.add(new Problem(
                        FILE, passwordNode.line(), object, "queue.password", resolved.problem(), "reference"));
            } else {
                password = resolved.value();
            }
        } else if (passwordNode != null && passwordNode.kind() != YamlNode.Kind.NULL) {
            problems.add(new Problem(
                    FILE, passwordNode.line(), object, "queue.password", Texts.get(locale, "settings.notScalar")));
        }
        if (kind == QueueSettings.Store.POSTGRESQL) {
            int queueLine = queue.line();
            if (url.isEmpty()) {
                problems.add(new Problem(
                        FILE,
                        queueLine,
                        object,
                        "queue.url",
                        Texts.get(locale, "settings.queue.url.missing"),
                        "required"));
            } else if (!url.startsWith("jdbc:postgresql:")) {
                problems.add(new Problem(
                        FILE,
                        fields.get("url").line(),
                        object,
                        "queue.url",
                        Texts.get(locale, "settings.queue.url.invalid")));
            } else if (url.toLowerCase(Locale.ROOT).matches(".*[?&]password=.*")) {
                // Never echo the URL here: it holds a secret.
                problems.add(new Problem(
                        FILE,
                        fields.get("url").line(),
                        object,
                        "queue.url",
                        Texts.get(locale, "settings.queue.url.password")));
            }
        }
        if (!schema.isEmpty() && !SCHEMA.matcher(schema).matches()) {
            problems.add(new Problem(
                    FILE,
                    fields.get("schema").line(),
                    object,
                    "queue.schema",
                    Texts.get(locale, "settings.queue.schema", schema)));
        }
        if (problems.size() > before) {
            return QueueSettings.FILE;
        }
        return kind == QueueSettings.Store.FILE
                ? QueueSettings.FILE
                : new QueueSettings(kind, url.trim(), username.trim(), password, schema, !limits.equals("runtime"));
    }

    private static String scalar(
            Map<String, YamlNode> fields,
            String key,
            String absent,
            String object,
            Locale locale,
            List<Problem> problems) {
        YamlNode node = fields.get(key);
        if (node == null || node.kind() == YamlNode.Kind.NULL) {
            return absent;
        }
        if (!node.isScalar()) {
            problems.add(
                    new Problem(FILE, node.line(), object, "queue." + key, Texts.get(locale, "settings.notScalar")));
            return absent;
        }
        return node.text();
    }

    private static String plain(
            Map<String, YamlNode> fields,
            String key,
            ValueResolver resolver,
            String object,
            Locale locale,
            List<Problem> problems) {
        String text = scalar(fields, key, "", object, locale, problems);
        ValueResolver.Resolved resolved = resolver.plain("queue." + key, text);
        if (resolved.failed()) {
            problems.add(new Problem(FILE, fields.get(key).line(), object, "queue." + key, resolved.problem()));
            return "";
        }
        return resolved.value();
    }
}
