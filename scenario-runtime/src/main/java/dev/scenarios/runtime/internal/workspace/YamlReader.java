package dev.scenarios.runtime.internal.workspace;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reads one YAML document into {@link YamlNode}s that remember their lines. Uses Jackson's YAML parser token by token,
 * taking every scalar's text as written (so YAML 1.1 words such as {@code off} or {@code yes} are not turned into
 * booleans behind the user's back). Refuses aliases ({@code *name}, which Jackson would read as the text {@code name})
 * and documents over {@link #MAX_CHARS} characters (the parser's cost grows fast with a huge scalar). Pure apart from
 * reading the given text.
 */
public final class YamlReader {

    /** The largest document read: far above any connection, path or scenario file. */
    public static final int MAX_CHARS = 1024 * 1024;

    /** The largest file read at all: {@link #MAX_CHARS} characters of UTF-8 take at most four bytes each. */
    public static final long MAX_BYTES = 4L * MAX_CHARS;

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    /** A document that is not YAML, or holds more than one document, or repeats a key. */
    public static final class YamlException extends Exception {
        private final int line;

        YamlException(String message, int line) {
            super(message);
            this.line = line;
        }

        /** The line of the problem, 1-based; 1 when the parser gave none. */
        public int line() {
            return line;
        }
    }

    private YamlReader() {}

    /** Parses {@code text}; an empty document gives a {@link YamlNode.Kind#NULL} node on line 1. */
    public static YamlNode read(String text) throws YamlException {
        if (text.length() > MAX_CHARS) {
            throw new YamlException("the file is larger than " + MAX_CHARS / 1024 + " KiB", 1);
        }
        try (Reader reader = new StringReader(text);
                JsonParser parser = FACTORY.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return YamlNode.nullNode(1);
            }
            YamlNode root = readValue(parser);
            if (parser.nextToken() != null) {
                throw new YamlException("a file holds one YAML document; found another", line(parser));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new YamlException(firstLine(e.getOriginalMessage()), at == null ? 1 : Math.max(1, at.getLineNr()));
        } catch (IOException e) {
            throw new YamlException(firstLine(e.getMessage()), 1);
        }
    }

    private static YamlNode readValue(JsonParser parser) throws IOException, YamlException {
        int line = line(parser);
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw new YamlException(
                    "aliases (*" + parser.getText() + ") are not supported: write the value itself", line);
        }
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                LinkedHashMap<String, YamlNode> fields = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    int keyLine = line(parser);
                    if (fields.containsKey(name)) {
                        throw new YamlException("the key \"" + name + "\" appears twice", keyLine);
                    }
                    parser.nextToken();
                    YamlNode value = readValue(parser);
                    // A key's problems point at the key's line, also when its value starts below it.
                    fields.put(
                            name,
                            value.isScalar() || value.kind() == YamlNode.Kind.NULL ? withLine(value, keyLine) : value);
                }
                return YamlNode.mapping(fields, line);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser));
                }
                return YamlNode.sequence(items, line);
            }
            case VALUE_NULL -> {
                return YamlNode.nullNode(line);
            }
            default -> {
                return YamlNode.scalar(parser.getText(), line);
            }
        }
    }

    private static YamlNode withLine(YamlNode node, int line) {
        return new YamlNode(node.kind(), node.text(), node.fields(), node.items(), line);
    }

    private static int line(JsonParser parser) {
        return Math.max(1, parser.currentTokenLocation().getLineNr());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "not valid YAML";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
