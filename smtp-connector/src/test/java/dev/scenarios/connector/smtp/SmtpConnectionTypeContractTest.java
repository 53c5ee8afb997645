package dev.scenarios.connector.smtp;

import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.contract.ConnectionTypeContract;
import dev.scenarios.connector.smtp.testing.Configs;
import java.util.Map;

class SmtpConnectionTypeContractTest extends ConnectionTypeContract {

    @Override
    protected ConnectionType type() {
        return new SmtpConnectionType();
    }

    @Override
    protected Map<String, Object> validConfiguration() {
        return Configs.with(Configs.plain(25), "encryption", "tls", "port", 587, "authentication", "basic",
                "username", "alice", "password", "pw");
    }
}
