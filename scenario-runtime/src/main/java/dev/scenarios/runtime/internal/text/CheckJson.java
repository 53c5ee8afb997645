package dev.scenarios.runtime.internal.text;

import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.ConnectionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A connection check's result as {@code scenario check --json} prints it and the console's API returns it, with each
 * step's title in the reader's language.
 */
public final class CheckJson {

    private CheckJson() {}

    /**
     * {@code {connection, type, status, failureKind, message, detail, steps: [{name, title, status, elapsedMillis,
     * detail}]}}. Pure; holds no secret because a {@link CheckResult} never does.
     */
    public static Map<String, Object> of(String name, ConnectionType type, CheckResult result, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("connection", name);
        out.put("type", type.id());
        out.put("status", result.status().name());
        out.put("failureKind", result.failureKind().map(Enum::name).orElse(null));
        out.put("message", result.message(locale));
        out.put("detail", result.detail());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (CheckResult.Step step : result.steps()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", step.name());
            s.put("title", step.title().in(locale));
            s.put("status", step.status().name());
            s.put("elapsedMillis", step.elapsed().toMillis());
            s.put("detail", step.detail(locale));
            steps.add(s);
        }
        out.put("steps", steps);
        return out;
    }
}
