package app.clerkdub.platform.upstream;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.smallrye.mutiny.Uni;

/**
 * How long a caller waits for work on the upstreams, as Resilience4j time limiters: past its deadline the caller
 * hears a {@link DeadlineExceededException}, while the work goes on to its end (a lead Dub accepted late is still
 * recorded on the user). The limiters' timer is a thread of this bean's own: Quarkus' managed executor hands out
 * scheduled futures that cannot tell whether they are done, which the limiter asks.
 */
@ApplicationScoped
public class Deadline {
    private final Map<Duration, TimeLimiter> limiters = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "upstream-deadline");
        thread.setDaemon(true);
        return thread;
    });

    Deadline() {
        // Nearly every call ends in time and the limiter cancels its timer: it leaves the queue then, instead
        // of waiting out the whole deadline there with the call's result, which would keep a deadline's worth
        // of calls alive past the young collections.
        timer.setRemoveOnCancelPolicy(true);
    }

    /** The work's outcome, or a {@link DeadlineExceededException} once {@code after} has passed. */
    public <T> Uni<T> bound(Uni<T> work, Duration after) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<T> outcome = started(work);
            // Work done at once (a repeat call answered from memory) needs no timer.
            if (outcome.isDone()) {
                return Uni.createFrom().completionStage(outcome);
            }
            TimeLimiter limiter = limiters.computeIfAbsent(after, duration -> TimeLimiter.of(
                    TimeLimiterConfig.custom().timeoutDuration(duration).cancelRunningFuture(false).build()));
            return Uni.createFrom().completionStage(limiter.executeCompletionStage(timer, () -> outcome))
                    .onFailure(TimeoutException.class).transform(late -> new DeadlineExceededException(after));
        });
    }

    /** A plain future, which the limiter may complete on time out. */
    private static <T> CompletableFuture<T> started(Uni<T> work) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        work.subscribe().with(outcome::complete, outcome::completeExceptionally);
        return outcome;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
