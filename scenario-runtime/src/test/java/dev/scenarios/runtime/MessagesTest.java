package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.ConnectorProvider;
import dev.scenarios.runtime.fake.FakeConnector;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static Properties bundle(String language) throws IOException {
        Properties p = new Properties();
        try (InputStream in =
                MessagesTest.class.getResourceAsStream("/dev/scenarios/runtime/messages_" + language + ".properties")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyRuntimeTextExistsInRussianAndEnglish() throws IOException {
        Properties en = bundle("en");
        Properties ru = bundle("ru");

        assertThat(ru.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        ru.forEach((key, text) -> assertThat((String) text).as((String) key).isNotBlank());
    }

    @Test
    void serviceLoaderFindsTheConnectorsOnTheClassPath() {
        Connectors connectors = Connectors.fromClassPath();

        assertThat(connectors.connectionType("fake")).isPresent();
        assertThat(connectors.pathType("fake-send")).isPresent();
        assertThat(new FakeConnector().apiVersion()).isEqualTo(ConnectorProvider.API_VERSION);
    }
}
