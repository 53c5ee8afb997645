package dev.scenarios.connector.imap;

import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.contract.ConnectionTypeContract;
import java.util.Map;

class ImapConnectionTypeContractTest extends ConnectionTypeContract {

    @Override
    protected ConnectionType type() {
        return new ImapConnectionType();
    }

    @Override
    protected Map<String, Object> validConfiguration() {
        return Map.of(
                "systemName",
                "support_mailbox",
                "server",
                "imap.example.com",
                "encryption",
                "ssl",
                "username",
                "support@example.com",
                "password",
                "secret");
    }
}
