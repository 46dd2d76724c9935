package app.clerkdub.platform.upstream;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.smallrye.mutiny.Uni;

/**
 * One operation's call under {@link UpstreamPolicy}: refused at once while its circuit is open, else tried,
 * retried as the policy says, and its outcome weighed by the breaker. The breaker sits outside the retries;
 * both see failures already mapped to {@link UpstreamException}, and decide on their kind.
 * <p>
 * Resilience4j has no Mutiny binding, so its asynchronous contracts are used as its own Reactor and RxJava
 * bindings use them: a permission, then the outcome, for the breaker; each failure told to the retry's
 * context, which answers how long to wait before the next try, or that there is none.
 */
final class UpstreamGuard {
    private final Upstream upstream;
    private final String name;
    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final Runnable retrying;

    /** @param retrying told before each retry is sent */
    UpstreamGuard(Upstream upstream, String name, CircuitBreakerRegistry breakers, RetryRegistry retries,
            Runnable retrying) {
        this.upstream = upstream;
        this.name = name;
        this.breakers = breakers;
        this.retries = retries;
        this.retrying = retrying;
    }

    /** Every failure leaves as an {@link UpstreamException}. */
    <T> Uni<T> call(Supplier<Uni<T>> oneTry) {
        return Uni.createFrom().deferred(() -> {
            CircuitBreaker breaker = breakers.circuitBreaker(name);
            if (!breaker.tryAcquirePermission()) {
                return Uni.createFrom().failure(
                        UpstreamException.circuitOpen(upstream, UpstreamPolicy.CIRCUIT_DELAY, null));
            }
            long start = System.nanoTime();
            Retry.AsyncContext<T> retry = retries.retry(name).asyncContext();
            return tries(oneTry, retry, start)
                    .onItemOrFailure().invoke((item, failure) -> {
                        long took = System.nanoTime() - start;
                        if (failure == null) {
                            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                        } else {
                            breaker.onError(took, TimeUnit.NANOSECONDS, failure);
                        }
                    })
                    // A call nobody waits for any more says nothing either way.
                    .onCancellation().invoke(breaker::releasePermission);
        });
    }

    private <T> Uni<T> tries(Supplier<Uni<T>> oneTry, Retry.AsyncContext<T> retry, long start) {
        return Uni.createFrom().<T>deferred(oneTry::get)
                .onFailure().transform(failure -> UpstreamException.from(upstream, failure))
                .onItem().invoke(retry::onComplete)
                .onFailure().recoverWithUni(failure -> {
                    long waitMillis = retry.onError(failure);
                    Duration spent = Duration.ofNanos(System.nanoTime() - start);
                    if (waitMillis < 0 || spent.plusMillis(waitMillis).compareTo(UpstreamPolicy.MAX_RETRYING) > 0) {
                        return Uni.createFrom().failure(failure);
                    }
                    // A wait that is already over (Dub's reset time has passed) is no wait: a delay must be positive.
                    Uni<Void> pause = waitMillis == 0 ? Uni.createFrom().voidItem()
                            : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(waitMillis));
                    return pause.invoke(retrying)
                            .flatMap(ignored -> tries(oneTry, retry, start));
                });
    }
}
