package dev.scenarios.connector.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceivedItemTest {

    @Test
    void theFirstAcknowledgementCounts() {
        ReceivedItem item = new ReceivedItem("INBOX;UID=1", Map.of("Subject", "Привет"), false);
        assertThat(item.failed("boom", Map.of("Folder", "Errors"))).isTrue();
        assertThat(item.succeeded(Map.of())).isFalse();
        ReceivedItem.Acknowledgement ack =
                item.acknowledgement().toCompletableFuture().join();
        assertThat(ack.succeeded()).isFalse();
        assertThat(ack.reason()).isEqualTo("boom");
        assertThat(ack.attributes()).containsEntry("Folder", "Errors");
    }

    @Test
    void sendingIsTheDefaultDirection() {
        PathType.Direction direction = new PathType() {
            @Override
            public String connectionTypeId() {
                return "sample";
            }

            @Override
            public java.util.List<PropertyDescriptor> attributes(Configuration configuration) {
                return java.util.List.of();
            }

            @Override
            public String id() {
                return "sample-send";
            }

            @Override
            public String name(java.util.Locale locale) {
                return id();
            }

            @Override
            public String description(java.util.Locale locale) {
                return id();
            }

            @Override
            public java.util.List<PropertyDescriptor> properties() {
                return SampleConnectionType.PROPERTIES;
            }
        }.direction();
        assertThat(direction).isEqualTo(PathType.Direction.SEND);
    }
}
