package dev.scenarios.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.LocalizedMessage;
import dev.scenarios.runtime.internal.text.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Why a queued message is dead or damaged, kept as a message key of the runtime's texts with its arguments, so that
 * {@code scenario queue --lang ru}, the console's queue page and the API each show it in the reader's language. Its
 * {@linkplain #stored() stored form} is what both queue stores keep in {@link QueuedMessage#deadReason()}: a small JSON
 * object. A reason stored by an older version is plain English text and {@linkplain #parse parses} to itself.
 *
 * <p>Arguments are data (addresses, server replies, file names: shown as they are) or texts of a connector (a
 * {@link LocalizedMessage}, a {@link DeliveryException}): those are kept rendered in every language the runtime speaks,
 * because the connector's bundle is not at hand when the reason is read back, perhaps by another process. An argument
 * may also be another {@code QueueReason}. Immutable; pure, no I/O.
 */
public final class QueueReason {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"));

    /** The key, or null for a legacy text. */
    private final String key;
    /** The arguments: String, {@code ObjectNode} of language → text, or {@code QueueReason}. */
    private final List<Object> args;

    private final String legacy;

    private QueueReason(String key, List<Object> args, String legacy) {
        this.key = key;
        this.args = args;
        this.legacy = legacy;
    }

    /**
     * A reason with a key of the runtime's {@code messages_*.properties}. Called by the queue's sender and stores.
     *
     * @param key e.g. {@code queue.reason.expired}
     * @param args data (any value, shown by its {@code toString}), {@link LocalizedMessage}s,
     *     {@link DeliveryException}s (their {@link DeliveryException#message(Locale) message}) or other reasons; never
     *     a secret
     * @return the reason
     */
    public static QueueReason of(String key, Object... args) {
        Objects.requireNonNull(key, "key");
        List<Object> kept = new ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof QueueReason nested) {
                kept.add(nested);
            } else if (arg instanceof LocalizedMessage text) {
                kept.add(languages(text::in));
            } else if (arg instanceof DeliveryException e) {
                kept.add(languages(e::message));
            } else {
                kept.add(String.valueOf(arg));
            }
        }
        return new QueueReason(key, List.copyOf(kept), null);
    }

    /**
     * The reason kept in a stored message.
     *
     * @param stored {@link QueuedMessage#deadReason()}: this class's stored form, or an older version's English text
     * @return the reason; a text that is no stored form reads as itself in every language
     */
    public static QueueReason parse(String stored) {
        if (stored == null || !stored.startsWith("{\"key\":")) {
            return new QueueReason(null, List.of(), stored == null ? "" : stored);
        }
        try {
            return fromJson(JSON.readTree(stored));
        } catch (JsonProcessingException | RuntimeException e) {
            return new QueueReason(null, List.of(), stored);
        }
    }

    /**
     * The form both stores keep.
     *
     * @return a JSON object {@code {"key":…,"args":[…]}}, or the legacy text as it was
     */
    public String stored() {
        return key == null ? legacy : toJson().toString();
    }

    /**
     * The reason in a language.
     *
     * @param locale the reader's language (Russian or, for any other, English)
     * @return the text
     */
    public String in(Locale locale) {
        if (key == null) {
            return legacy;
        }
        Object[] rendered = new Object[args.size()];
        for (int i = 0; i < rendered.length; i++) {
            Object arg = args.get(i);
            if (arg instanceof QueueReason nested) {
                rendered[i] = nested.in(locale);
            } else if (arg instanceof ObjectNode texts) {
                String language = "ru".equals(locale.getLanguage()) ? "ru" : "en";
                rendered[i] = texts.path(language).asText(texts.path("en").asText());
            } else {
                rendered[i] = arg;
            }
        }
        return Texts.get(locale, key, rendered);
    }

    /**
     * The message key.
     *
     * @return e.g. {@code queue.reason.expired}; empty for an older version's text
     */
    public String key() {
        return key == null ? "" : key;
    }

    /** The English text, for journals and logs. */
    @Override
    public String toString() {
        return in(Locale.ENGLISH);
    }

    private static ObjectNode languages(java.util.function.Function<Locale, String> text) {
        ObjectNode out = JSON.createObjectNode();
        for (Locale language : LANGUAGES) {
            out.put(language.getLanguage(), text.apply(language));
        }
        return out;
    }

    private ObjectNode toJson() {
        ObjectNode out = JSON.createObjectNode();
        out.put("key", key);
        ArrayNode list = out.putArray("args");
        for (Object arg : args) {
            if (arg instanceof QueueReason nested) {
                list.add(nested.key == null ? JSON.getNodeFactory().textNode(nested.legacy) : nested.toJson());
            } else if (arg instanceof ObjectNode texts) {
                list.add(texts);
            } else {
                list.add((String) arg);
            }
        }
        return out;
    }

    private static QueueReason fromJson(JsonNode node) {
        List<Object> args = new ArrayList<>();
        for (JsonNode arg : node.path("args")) {
            if (arg.has("key")) {
                args.add(fromJson(arg));
            } else if (arg.isObject()) {
                args.add(arg.deepCopy());
            } else {
                args.add(arg.asText());
            }
        }
        return new QueueReason(node.path("key").asText(), List.copyOf(args), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueReason other && stored().equals(other.stored());
    }

    @Override
    public int hashCode() {
        return stored().hashCode();
    }
}
