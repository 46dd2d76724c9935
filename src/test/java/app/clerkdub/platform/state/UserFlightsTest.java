package app.clerkdub.platform.state;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import app.clerkdub.platform.state.SharedState.Claimed;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What an erasure waits for: a run under way for the user, whichever instance claimed it, until it ends; nothing when
 * there is none.
 */
class UserFlightsTest {
    private final SharedState state = new MemoryState(Quotas.defaults(), new SimpleMeterRegistry());
    private final UserFlights flights = new UserFlights(state, Quotas.defaults());

    @Test
    void settledWaitsForAClaimedRunToEnd() {
        Claimed claim = (Claimed) SharedStateContract.now(flights.beginSignUp("user_running"));
        CompletableFuture<Void> settled = flights.settled("user_running").subscribeAsCompletionStage();
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !settled.isDone());
        SharedStateContract.now(flights.end("user_running", claim, Optional.empty(), Optional.empty()));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(settled::isDone);
        assertFalse(settled.isCompletedExceptionally());
    }

    @Test
    void settledIsAtOnceWithoutARun() {
        SharedStateContract.now(flights.settled("user_idle"));
    }
}
