package dev.scenarios.runtime.internal.workspace;

import dev.scenarios.runtime.Problem;
import dev.scenarios.runtime.internal.text.Texts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A path's {@code response:} and {@code errorResponse:} settings, the seed's "response" and "error response"
 * attributes: which fields of a step's outcome its {@code responseVariable} / {@code errorVariable} map holds, under
 * which names. Runtime-owned like {@code delivery:}: taken out of the path file's values (so the path type never sees
 * them) and validated with {@code file:line} problems by {@link #take}; applied by the {@code path:} producer through
 * {@link #shape}. Pure.
 *
 * @param response the declared success fields; empty: every field under its own name
 * @param errorResponse the declared failure fields; empty: every field under its own name
 */
public record StepResponses(List<Field> response, List<Field> errorResponse) {

    /** One declared attribute: {@code name} receives the outcome's field {@code from}. */
    public record Field(String name, String from) {}

    /** No declaration: the maps hold every field under its own name. */
    public static final StepResponses NONE = new StepResponses(List.of(), List.of());

    /** The keys the runtime takes out of every path file. */
    public static final Set<String> KEYS = Set.of("response", "errorResponse");

    /**
     * The fields of a success: Message-ID, reply code and text, refused recipients, and whether/where it was queued.
     */
    public static final List<String> RESPONSE_FIELDS =
            List.of("messageId", "replyCode", "replyText", "rejectedRecipients", "queued", "queueId");

    /** The fields of a failure: its kind, reply code (0 when the server said nothing) and text, refused recipients. */
    public static final List<String> ERROR_FIELDS =
            List.of("failureKind", "replyCode", "replyText", "rejectedRecipients");

    public StepResponses {
        response = List.copyOf(response);
        errorResponse = List.copyOf(errorResponse);
    }

    /**
     * Removes {@code response} and {@code errorResponse} from {@code file}'s values and returns what they declare; adds
     * a problem for each bad item (and then leaves that list undeclared).
     */
    public static StepResponses take(ObjectFile file, Locale locale, List<Problem> problems) {
        Object response = file.values().remove("response");
        Object errorResponse = file.values().remove("errorResponse");
        return new StepResponses(
                fields(file, "response", response, RESPONSE_FIELDS, locale, problems),
                fields(file, "errorResponse", errorResponse, ERROR_FIELDS, locale, problems));
    }

    private static List<Field> fields(
            ObjectFile file, String key, Object value, List<String> known, Locale locale, List<Problem> problems) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            problems.add(file.problemAt(key, Texts.get(locale, "response.notList", key)));
            return List.of();
        }
        int before = problems.size();
        List<Field> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = key + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                problems.add(file.problemAt(at, Texts.get(locale, "response.notList", key)));
                continue;
            }
            for (Object k : item.keySet()) {
                if (!k.equals("name") && !k.equals("from")) {
                    problems.add(file.problemAt(at + "." + k, Texts.get(locale, "response.unknownKey", k)));
                }
            }
            String name = item.get("name") == null
                    ? ""
                    : String.valueOf(item.get("name")).trim();
            String from = item.get("from") == null
                    ? ""
                    : String.valueOf(item.get("from")).trim();
            if (!PathStepOptions.isName(name)) {
                problems.add(file.problemAt(at + ".name", Texts.get(locale, "response.name", name)));
            } else if (!names.add(name)) {
                problems.add(file.problemAt(at + ".name", Texts.get(locale, "response.name.repeated", name)));
            }
            if (!known.contains(from)) {
                problems.add(file.problemAt(
                        at + ".from", Texts.get(locale, "response.from", from, String.join(", ", known))));
            }
            out.add(new Field(name, from));
        }
        return problems.size() > before ? List.of() : out;
    }

    /**
     * The map a scenario sees: {@code fields} renamed as {@code declared} says, or all of {@code fields} when nothing
     * is declared. Pure.
     */
    public static Map<String, Object> shape(List<Field> declared, Map<String, Object> fields) {
        if (declared.isEmpty()) {
            return fields;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        declared.forEach(f -> out.put(f.name(), fields.get(f.from())));
        return out;
    }
}
