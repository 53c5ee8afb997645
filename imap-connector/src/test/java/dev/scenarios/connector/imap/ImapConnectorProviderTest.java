package dev.scenarios.connector.imap;

import dev.scenarios.connector.api.ConnectorProvider;
import dev.scenarios.connector.api.contract.ConnectorProviderContract;

class ImapConnectorProviderTest extends ConnectorProviderContract {

    @Override
    protected Class<? extends ConnectorProvider> providerClass() {
        return ImapConnector.class;
    }
}
