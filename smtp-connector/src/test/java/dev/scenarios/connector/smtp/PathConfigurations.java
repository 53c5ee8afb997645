package dev.scenarios.connector.smtp;

import dev.scenarios.connector.api.Configuration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Path configurations for tests, written as a path file would hold them (maps and lists). */
final class PathConfigurations {

    static final SmtpSendPathType TYPE = new SmtpSendPathType();

    private PathConfigurations() {}

    /** A valid order path with attributes Customer (required), Total (number) and Items (array); mutable. */
    static Map<String, Object> orderPath() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("systemName", "order_mail");
        values.put("connection", "shop_smtp");
        values.put(
                "attributes",
                new ArrayList<>(List.of(
                        attribute("Customer", "string", true, false),
                        attribute("Total", "number", false, false),
                        attribute("Items", "string", false, true))));
        values.put("subject", "Order for {Customer}");
        values.put("body", "Dear {Customer}, your total is {Total}.");
        return values;
    }

    static Map<String, Object> attribute(String name, String type, boolean required, boolean array) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", name);
        a.put("type", type);
        a.put("required", required);
        a.put("array", array);
        return a;
    }

    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static Configuration configuration(Map<String, Object> values) {
        return Configuration.of(TYPE.properties(), values);
    }
}
