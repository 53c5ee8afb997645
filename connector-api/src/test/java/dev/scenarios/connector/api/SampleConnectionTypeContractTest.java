package dev.scenarios.connector.api;

import dev.scenarios.connector.api.contract.ConnectionTypeContract;
import java.util.Map;

class SampleConnectionTypeContractTest extends ConnectionTypeContract {

    @Override
    protected ConnectionType type() {
        return new SampleConnectionType();
    }

    @Override
    protected Map<String, Object> validConfiguration() {
        return Map.of("systemName", "sample_1", "mode", "secure", "password", "x");
    }
}
