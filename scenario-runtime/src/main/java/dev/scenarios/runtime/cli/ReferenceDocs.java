package dev.scenarios.runtime.cli;

import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.internal.io.AtomicFiles;
import dev.scenarios.runtime.internal.text.SettingsTables;
import dev.scenarios.runtime.internal.workspace.RuntimeProperties;
import dev.scenarios.runtime.internal.workspace.WorkspaceSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The settings tables of {@code docs/*.md}, generated from the descriptors so that they cannot drift: each lives
 * between {@code <!-- BEGIN GENERATED id … -->} and {@code <!-- END GENERATED id -->}, where {@code id} is a connection
 * or path type's id, {@value #PATH_SETTINGS} (the runtime's own path settings) or {@value #WORKSPACE_SETTINGS}.
 * {@code scenario types --markdown} prints them, {@code --write-docs} rewrites the blocks, and a test fails when the
 * committed docs differ ({@code ReferenceDocsTest}).
 */
final class ReferenceDocs {

    /** The command that regenerates the blocks, from the repository's root; every failure message names it. */
    static final String COMMAND = "./scenario types --markdown --write-docs docs";

    /** The block of the settings the runtime adds to every path ({@code delivery}, {@code retry}, …). */
    static final String PATH_SETTINGS = "path-settings";

    /** The block of {@code workspace.yaml}'s settings. */
    static final String WORKSPACE_SETTINGS = "workspace.yaml";

    /** The docs are written in English; the RU texts are the console's and the CLI's. */
    static final Locale LOCALE = Locale.ENGLISH;

    private static final Pattern BLOCK = Pattern.compile(
            "(<!-- BEGIN GENERATED ([\\w.-]+)[^>]*-->\\n)(.*?)(<!-- END GENERATED \\2 -->)", Pattern.DOTALL);

    private ReferenceDocs() {}

    /** Every block, by id, in the order {@code scenario types} lists the types. Pure. */
    static Map<String, List<PropertyDescriptor>> blocks(Connectors connectors) {
        Map<String, List<PropertyDescriptor>> out = new LinkedHashMap<>();
        for (ConnectionType type : connectors.connectionTypes()) {
            out.put(type.id(), type.properties());
        }
        for (PathType type : connectors.pathTypes()) {
            out.put(type.id(), type.properties());
        }
        out.put(PATH_SETTINGS, RuntimeProperties.PATH);
        out.put(WORKSPACE_SETTINGS, WorkspaceSettings.PROPERTIES);
        return out;
    }

    /** The tables of one block, as they stand between its markers. Pure. */
    static String table(List<PropertyDescriptor> properties) {
        return SettingsTables.markdown(properties, LOCALE);
    }

    /** All blocks, each under a {@code ## id} heading, for {@code scenario types --markdown}. Pure. */
    static String markdown(Connectors connectors) {
        StringBuilder out = new StringBuilder();
        blocks(connectors).forEach((id, properties) -> {
            out.append("## ").append(id).append("\n\n");
            out.append(beginMarker(id)).append('\n');
            out.append(table(properties));
            out.append("<!-- END GENERATED ").append(id).append(" -->\n\n");
        });
        return out.toString();
    }

    /** The opening marker of block {@code id}, as {@link #markdown} writes it. */
    static String beginMarker(String id) {
        return "<!-- BEGIN GENERATED " + id + " (from the descriptors: edit their texts, then run " + COMMAND + ") -->";
    }

    /**
     * What differs between the {@code *.md} files in {@code docs} and the descriptors: a block whose text is not the
     * generated one, a block id no descriptor has, a block that is in no file or in two. Empty when the docs are up to
     * date. Reads the files.
     */
    static List<String> differences(Path docs, Connectors connectors) throws IOException {
        Map<String, List<PropertyDescriptor>> blocks = blocks(connectors);
        Map<String, List<String>> found = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        for (Path file : markdownFiles(docs)) {
            Matcher m = BLOCK.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                String id = m.group(2);
                found.computeIfAbsent(id, k -> new ArrayList<>())
                        .add(file.getFileName().toString());
                if (!blocks.containsKey(id)) {
                    out.add(file.getFileName() + ": no type or settings named \"" + id + "\"");
                } else if (!m.group(3).equals(table(blocks.get(id)))) {
                    out.add(file.getFileName() + ": the settings of " + id + " differ from the descriptors");
                }
            }
        }
        for (String id : blocks.keySet()) {
            List<String> files = found.getOrDefault(id, List.of());
            if (files.isEmpty()) {
                out.add("no file in " + docs + " holds the settings of " + id + " (add the markers " + beginMarker(id)
                        + " and <!-- END GENERATED " + id + " -->)");
            } else if (files.size() > 1) {
                out.add("the settings of " + id + " are in more than one file: " + files);
            }
        }
        return out;
    }

    /**
     * Rewrites every block in the {@code *.md} files of {@code docs} with the generated tables (atomically; untouched
     * files are not written) and returns the files it changed. Reads and writes files.
     */
    static List<Path> write(Path docs, Connectors connectors) throws IOException {
        Map<String, List<PropertyDescriptor>> blocks = blocks(connectors);
        List<Path> changed = new ArrayList<>();
        for (Path file : markdownFiles(docs)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher m = BLOCK.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                List<PropertyDescriptor> properties = blocks.get(m.group(2));
                String body = properties == null ? m.group(3) : table(properties);
                m.appendReplacement(out, Matcher.quoteReplacement(beginMarker(m.group(2)) + "\n" + body + m.group(4)));
            }
            m.appendTail(out);
            if (!out.toString().equals(text)) {
                AtomicFiles.writeUnforced(file, out.toString().getBytes(StandardCharsets.UTF_8));
                changed.add(file);
            }
        }
        return changed;
    }

    private static List<Path> markdownFiles(Path docs) throws IOException {
        try (Stream<Path> files = Files.list(docs)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
    }
}
