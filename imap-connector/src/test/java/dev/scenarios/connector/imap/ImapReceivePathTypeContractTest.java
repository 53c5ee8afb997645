package dev.scenarios.connector.imap;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.scenarios.connector.api.Connection;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.contract.PathSourceContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The source contract against GreenMail's IMAP server. */
class ImapReceivePathTypeContractTest extends PathSourceContract {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = GreenMailImap.extension();

    @TempDir
    Path data;

    private ImapConnection connection;

    @AfterEach
    void closeConnection() {
        if (connection != null) {
            connection.close();
        }
    }

    @Override
    protected PathType type() {
        return new ImapReceivePathType();
    }

    @Override
    protected Map<String, Object> validConfiguration() {
        return GreenMailImap.path(Map.of());
    }

    @Override
    protected Connection connection() {
        if (connection == null) {
            GreenMailImap.user(GREEN_MAIL);
            connection = GreenMailImap.open(GREEN_MAIL, data);
        }
        return connection;
    }

    @Override
    protected ConnectorContext context() {
        return ConnectorContext.of(data);
    }

    @Override
    protected void produceItem(String marker) throws Exception {
        GreenMailImap.deliver(GreenMailImap.user(GREEN_MAIL), "Заявка " + marker, "Текст " + marker);
    }
}
