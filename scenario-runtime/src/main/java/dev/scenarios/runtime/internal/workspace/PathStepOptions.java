package dev.scenarios.runtime.internal.workspace;

import dev.scenarios.runtime.internal.text.Texts;
import java.lang.reflect.RecordComponent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of one {@code path:} step, the seed's "Send message" action fields (docs/scenario-actions.md):
 * {@code messageVariable}, {@code responseVariable}, {@code errorVariable}, {@code ignoreErrors}, {@code async}. Read
 * by {@code scenario validate} (from the URI's query, to report {@code file:line}) and by the {@code path:} component
 * (from Camel's parameters), so both refuse the same things with the same words. Pure.
 *
 * @param messageVariable the variable holding the message's attributes (a map or a JSON object), or null: body and
 *     variables
 * @param responseVariable the variable that receives the success response as a map, or null: none
 * @param errorVariable the variable that receives the failure as a map, or null: none
 * @param ignoreErrors a failure fills {@code errorVariable} and the route goes on, instead of failing the exchange
 * @param async the step returns at once with the Message-ID; the runtime's queue sender delivers the message
 */
@UriParams
public record PathStepOptions(
        @UriParam(
                label = "producer",
                description = "The exchange variable holding the message's attributes (a Map or a JSON object)"
                        + " instead of the body and the variables")
        String messageVariable,

        @UriParam(
                label = "producer",
                description = "The exchange variable that receives the success response as a Map (messageId,"
                        + " serverReply, ...)")
        String responseVariable,

        @UriParam(
                label = "producer",
                description =
                        "The exchange variable that receives a failure as a Map (kind, replyCode," + " message, ...)")
        String errorVariable,

        @UriParam(
                label = "producer",
                defaultValue = "false",
                description =
                        "A failure fills errorVariable and the route goes on, instead of failing the" + " exchange")
        boolean ignoreErrors,

        @UriParam(
                label = "producer",
                defaultValue = "false",
                description = "The step returns at once with the Message-ID; the runtime's queue sender"
                        + " delivers the message")
        boolean async) {

    /** No option: today's behaviour. */
    public static final PathStepOptions DEFAULTS = new PathStepOptions(null, null, null, false, false);

    /**
     * The option names, in the order the documentation lists them: the components declared with {@link UriParam} above,
     * the one declaration that validation, the component and Camel's generated descriptor ({@code path.json}, made from
     * the same annotations at build time) all read.
     */
    public static final List<String> NAMES = Arrays.stream(PathStepOptions.class.getRecordComponents())
            .map(RecordComponent::getName)
            .filter(PathStepOptions::declaredOption)
            .toList();

    // @UriParam targets fields only, so the annotation sits on the record's field, not on its component.
    private static boolean declaredOption(String component) {
        try {
            return PathStepOptions.class.getDeclaredField(component).isAnnotationPresent(UriParam.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A name Camel's simple language can reach as {@code ${variable.<name>}}. */
    private static final String VARIABLE_NAME = "[A-Za-z_][A-Za-z0-9_]*";

    /**
     * Whether {@code text} is a name a step's variable or a response field may have: letters, digits and {@code _}, not
     * starting with a digit.
     */
    public static boolean isName(String text) {
        return text.matches(VARIABLE_NAME);
    }

    /** An option that cannot be taken; {@link #message(Locale)} says which and why. */
    public static final class Invalid extends IllegalArgumentException {
        private final String key;
        private final transient Object[] args;

        Invalid(String key, Object... args) {
            super(Texts.get(Locale.ENGLISH, key, args));
            this.key = key;
            this.args = args;
        }

        /** The explanation in {@code locale}. */
        public String message(Locale locale) {
            return Texts.get(locale, key, args);
        }
    }

    /**
     * The options in {@code uri}'s query ({@code path:orders?ignoreErrors=true}), percent-decoded. A value built at run
     * time ({@code {{…}}}, {@code ${…}}) is not checked here.
     *
     * @throws Invalid for an unknown or repeated option or a wrong value
     */
    public static PathStepOptions ofUri(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return DEFAULTS;
        }
        Map<String, Object> options = new LinkedHashMap<>();
        for (String pair : uri.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (options.putIfAbsent(name, value) != null) {
                throw new Invalid("path.option.repeated", name);
            }
        }
        return of(options, true);
    }

    /**
     * The options in {@code parameters} (Camel's, as given to a component); what is taken is removed, so Camel sees
     * nothing left over.
     *
     * @throws Invalid for an unknown option or a wrong value
     */
    public static PathStepOptions take(Map<String, Object> parameters) {
        Map<String, Object> options = new LinkedHashMap<>(parameters);
        PathStepOptions out = of(options, false);
        parameters.clear();
        return out;
    }

    private static PathStepOptions of(Map<String, Object> options, boolean lenientPlaceholders) {
        for (String name : options.keySet()) {
            if (!NAMES.contains(name)) {
                throw new Invalid("path.option.unknown", name, String.join(", ", NAMES));
            }
        }
        return new PathStepOptions(
                variable(options, "messageVariable", lenientPlaceholders),
                variable(options, "responseVariable", lenientPlaceholders),
                variable(options, "errorVariable", lenientPlaceholders),
                flag(options, "ignoreErrors", lenientPlaceholders),
                flag(options, "async", lenientPlaceholders));
    }

    private static String variable(Map<String, Object> options, String name, boolean lenientPlaceholders) {
        Object value = options.get(name);
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value).trim();
        if (!text.matches(VARIABLE_NAME) && !(lenientPlaceholders && builtAtRunTime(text))) {
            throw new Invalid("path.option.variable", name, text);
        }
        return text;
    }

    private static boolean flag(Map<String, Object> options, String name, boolean lenientPlaceholders) {
        Object value = options.get(name);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        String text = String.valueOf(value).trim();
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        if (lenientPlaceholders && builtAtRunTime(text)) {
            return false;
        }
        throw new Invalid("path.option.flag", name, text);
    }

    private static boolean builtAtRunTime(String text) {
        return text.contains("{{") || text.contains("${");
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a stray '%': checked as written
        }
    }
}
