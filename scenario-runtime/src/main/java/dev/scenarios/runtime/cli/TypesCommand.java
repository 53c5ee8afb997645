package dev.scenarios.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.support.JsonSchemas;
import dev.scenarios.runtime.internal.text.Texts;
import dev.scenarios.runtime.internal.workspace.RuntimeProperties;
import dev.scenarios.runtime.internal.workspace.WorkspaceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scenario types [--json | --markdown [--write-docs DIR]] [--lang ru|en]}: the connection and path types on the
 * class path, with their settings, and the settings of {@code workspace.yaml}; {@code --markdown} prints the reference
 * tables of {@code docs/} ({@link ReferenceDocs}, always in English) and {@code --write-docs} rewrites them there.
 */
@Command(
        name = "types",
        mixinStandardHelpOptions = true,
        description = "List the connection and path types with their settings; --json prints their JSON Schemas.")
public final class TypesCommand implements Callable<Integer> {

    private final CliContext cli;

    @Option(
            names = "--json",
            description =
                    "Print {\"connectionTypes\": [schema…], \"pathTypes\": [schema…], \"workspaceFile\": schema}.")
    boolean json;

    @Option(
            names = "--markdown",
            description = "Print the settings tables of docs/ (English), one block per type, generated from the"
                    + " descriptors.")
    boolean markdown;

    @Option(
            names = "--write-docs",
            paramLabel = "DIR",
            description = "With --markdown: rewrite the generated blocks in DIR/*.md (the repository's docs folder).")
    Path writeDocs;

    @Mixin
    LanguageOption language = new LanguageOption();

    public TypesCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        Locale locale = language.locale(cli.defaultLocale());
        if (writeDocs != null) {
            if (!Files.isDirectory(writeDocs)) {
                cli.err().println(Texts.get(locale, "docs.noFolder", writeDocs));
                cli.err().flush();
                return CliContext.INVALID;
            }
            for (Path changed : ReferenceDocs.write(writeDocs, cli.connectors())) {
                cli.out().println(Texts.get(locale, "docs.written", changed));
            }
        } else if (markdown) {
            cli.out().print(ReferenceDocs.markdown(cli.connectors()));
        } else if (json) {
            ObjectNode root = JsonOutput.MAPPER.createObjectNode();
            ArrayNode connections = root.putArray("connectionTypes");
            for (ConnectionType type : cli.connectors().connectionTypes()) {
                connections.add(JsonOutput.MAPPER.readTree(JsonSchemas.of(type, locale)));
            }
            ArrayNode paths = root.putArray("pathTypes");
            for (PathType type : cli.connectors().pathTypes()) {
                paths.add(JsonOutput.MAPPER.valueToTree(JsonSchemas.schema(
                        "path",
                        type.id(),
                        type.name(locale),
                        type.description(locale),
                        RuntimeProperties.of(type),
                        locale)));
            }
            root.set(
                    "workspaceFile",
                    JsonOutput.MAPPER.valueToTree(JsonSchemas.schema(
                            "workspace",
                            WorkspaceSettings.FILE,
                            Texts.get(locale, "types.workspace"),
                            Texts.get(locale, "types.workspace.description"),
                            WorkspaceSettings.PROPERTIES,
                            locale)));
            cli.out().println(JsonOutput.MAPPER.writeValueAsString((JsonNode) root));
        } else {
            for (ConnectionType type : cli.connectors().connectionTypes()) {
                describe(
                        Texts.get(locale, "types.connection"),
                        type.id(),
                        type.name(locale),
                        type.description(locale),
                        type.properties(),
                        locale);
            }
            for (PathType type : cli.connectors().pathTypes()) {
                describe(
                        Texts.get(locale, "types.path") + " ("
                                + Texts.get(locale, "types.needs", type.connectionTypeId()) + ")",
                        type.id(),
                        type.name(locale),
                        type.description(locale),
                        RuntimeProperties.of(type),
                        locale);
            }
            describe(
                    Texts.get(locale, "types.workspace"),
                    WorkspaceSettings.FILE,
                    Texts.get(locale, "types.workspace"),
                    Texts.get(locale, "types.workspace.description"),
                    WorkspaceSettings.PROPERTIES,
                    locale);
        }
        cli.out().flush();
        return CliContext.OK;
    }

    private void describe(
            String kind,
            String id,
            String name,
            String description,
            List<PropertyDescriptor> properties,
            Locale locale) {
        cli.out().println(kind + " " + id + ": " + name);
        cli.out().println("  " + description);
        for (PropertyDescriptor d : properties) {
            describe(d, "    ", locale);
        }
        cli.out().println();
    }

    private void describe(PropertyDescriptor d, String indent, Locale locale) {
        StringBuilder line = new StringBuilder(indent)
                .append(d.name())
                .append(" (")
                .append(d.type().name().toLowerCase(Locale.ROOT));
        if (d.required()) {
            line.append(", ").append(Texts.get(locale, "types.required"));
        }
        if (d.secret()) {
            line.append(", ").append(Texts.get(locale, "types.secret"));
        }
        if (!d.allowedValues().isEmpty()) {
            line.append(": ").append(String.join("|", d.allowedValues()));
        }
        d.defaultValue()
                .ifPresent(v -> line.append(", ").append(Texts.get(locale, "types.default", String.valueOf(v))));
        for (PropertyDescriptor.DependentDefault dd : d.dependentDefaults()) {
            line.append(", ")
                    .append(Texts.get(
                            locale,
                            "types.defaultWhen",
                            String.valueOf(dd.value()),
                            dd.condition().property(),
                            String.join("|", dd.condition().values())));
        }
        d.visibleWhen()
                .ifPresent(c -> line.append(", ")
                        .append(Texts.get(locale, "types.when", c.property(), String.join("|", c.values()))));
        line.append(") ").append(d.label(locale)).append(" — ").append(d.help(locale));
        cli.out().println(line);
        for (PropertyDescriptor item : d.items()) {
            describe(item, indent + "  ", locale);
        }
    }
}
