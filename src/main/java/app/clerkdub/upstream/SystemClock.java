package app.clerkdub.upstream;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The clock that time windows are measured by (the circuit breakers'): the system's, unless a test puts a
 * clock of its own in its place, so that it can step a minute forward without waiting one.
 */
@Singleton
public class SystemClock {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
