package dev.scenarios.connector.smtp.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a connection's session slots are shared out among lanes; the end-to-end proof is the runtime's bus tests. */
class LaneSlotsTest {

    private static boolean take(LaneSlots slots, int lane) throws InterruptedException {
        return slots.acquire(lane, 0);
    }

    @Test
    void eachLaneInUseKeepsOneSlotAndTheRestIsShared() throws Exception {
        LaneSlots slots = new LaneSlots(4);
        slots.use(0);
        slots.use(3);
        // Lane 3 takes its own slot and both shared ones; lane 0's own stays free for it.
        assertThat(take(slots, 3)).isTrue();
        assertThat(take(slots, 3)).isTrue();
        assertThat(take(slots, 3)).isTrue();
        assertThat(take(slots, 3)).isFalse();
        assertThat(take(slots, 0)).isTrue();
        assertThat(take(slots, 0)).isFalse();
        slots.release(3);
        assertThat(take(slots, 0)).as("a freed shared slot serves any lane").isTrue();
        assertThat(take(slots, 3)).isFalse();
    }

    @Test
    void withFewerSlotsThanLanesTheLowestKeepOneAndTheOthersShareTheLast() throws Exception {
        LaneSlots slots = new LaneSlots(2);
        slots.use(0);
        slots.use(1);
        slots.use(3);
        assertThat(take(slots, 3)).isTrue();
        assertThat(take(slots, 1)).as("lane 1 shares the last slot with lane 3").isFalse();
        assertThat(take(slots, 0)).isTrue();
        assertThat(take(slots, 0)).as("never more than the connection's cap").isFalse();
    }

    @Test
    void oneSlotIsSharedByAllAndAWaiterGetsItWhenFreed() throws Exception {
        LaneSlots slots = new LaneSlots(1);
        assertThat(take(slots, 2)).isTrue();
        assertThat(take(slots, 0)).isFalse();
        Thread releaser = new Thread(() -> slots.release(2));
        releaser.start();
        assertThat(slots.acquire(0, java.util.concurrent.TimeUnit.SECONDS.toNanos(5)))
                .isTrue();
        releaser.join();
    }
}
