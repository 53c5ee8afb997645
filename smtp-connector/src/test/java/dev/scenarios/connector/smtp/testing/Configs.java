package dev.scenarios.connector.smtp.testing;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.smtp.SmtpConnectionType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Connection configurations for tests: a valid plain one on loopback, changed by overrides. */
public final class Configs {

    public static final SmtpConnectionType TYPE = new SmtpConnectionType();

    private Configs() {}

    /**
     * A valid configuration for a plain unauthenticated server at 127.0.0.1:{@code port}, short timeouts, full journal.
     */
    public static Map<String, Object> plain(int port) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("systemName", "test_relay");
        values.put("journal", "full");
        values.put("server", "127.0.0.1");
        values.put("port", port);
        values.put("encryption", "none");
        values.put("connectTimeout", "5s");
        values.put("readTimeout", "5s");
        values.put("writeTimeout", "5s");
        values.put("senderName", "Робот рассылки");
        values.put("senderAddress", "robot@example.com");
        values.put("testRecipients", "admin@example.com");
        return values;
    }

    /** {@code values} with {@code overrides} applied (pairs of key and value; a null value removes the key). */
    public static Map<String, Object> with(Map<String, Object> values, Object... overrides) {
        Map<String, Object> out = new LinkedHashMap<>(values);
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                out.remove((String) overrides[i]);
            } else {
                out.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return out;
    }

    public static Configuration of(Map<String, Object> values) {
        return Configuration.of(TYPE.properties(), values);
    }
}
