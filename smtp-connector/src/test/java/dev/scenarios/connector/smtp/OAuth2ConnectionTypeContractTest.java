package dev.scenarios.connector.smtp;

import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.contract.ConnectionTypeContract;
import dev.scenarios.connector.smtp.testing.Configs;
import java.util.Map;

/** The SPI contract again with an oauth2 configuration, so that its secrets are exercised too. */
class OAuth2ConnectionTypeContractTest extends ConnectionTypeContract {

    @Override
    protected ConnectionType type() {
        return new SmtpConnectionType();
    }

    @Override
    protected Map<String, Object> validConfiguration() {
        return Configs.with(
                Configs.plain(25),
                "encryption",
                "ssl",
                "port",
                465,
                "authentication",
                "oauth2",
                "username",
                "robot@contoso.com",
                "oauthFlow",
                "refresh_token",
                "tokenEndpoint",
                "microsoft",
                "tenantId",
                "contoso.onmicrosoft.com",
                "clientId",
                "app-id",
                "clientSecret",
                "s",
                "refreshToken",
                "r");
    }
}
