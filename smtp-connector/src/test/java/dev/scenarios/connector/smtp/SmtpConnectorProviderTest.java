package dev.scenarios.connector.smtp;

import dev.scenarios.connector.api.ConnectorProvider;
import dev.scenarios.connector.api.contract.ConnectorProviderContract;

class SmtpConnectorProviderTest extends ConnectorProviderContract {

    @Override
    protected Class<? extends ConnectorProvider> providerClass() {
        return SmtpConnector.class;
    }
}
