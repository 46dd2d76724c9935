package app.clerkdub.lead;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import app.clerkdub.platform.state.SharedState.Claimed;
import app.clerkdub.lead.UserRuns.UserFlights;
import app.clerkdub.platform.state.States;
import io.smallrye.mutiny.Uni;

/**
 * What an erasure waits for: a run under way for the user, whichever instance claimed it, until it ends; nothing when
 * there is none.
 */
class UserFlightsTest {
    private final States states = States.inMemory();
    private final UserFlights flights = new UserFlights(states.state(), states.quotas());

    @Test
    void settledWaitsForAClaimedRunToEnd() {
        Claimed claim = (Claimed) now(flights.beginSignUp("user_running"));
        CompletableFuture<Void> settled = flights.settled("user_running").subscribeAsCompletionStage();
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !settled.isDone());
        now(flights.end("user_running", claim, Optional.empty(), Optional.empty()));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(settled::isDone);
        assertFalse(settled.isCompletedExceptionally());
    }

    @Test
    void settledIsAtOnceWithoutARun() {
        now(flights.settled("user_idle"));
    }

    private static <T> T now(Uni<T> decision) {
        return decision.await().atMost(Duration.ofSeconds(5));
    }
}
