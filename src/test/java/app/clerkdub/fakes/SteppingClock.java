package app.clerkdub.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system clock, which a test can step forward: a minute passes for the service's circuit breakers without
 * the test waiting one (see {@link TightCircuits}).
 */
public class SteppingClock extends Clock {
    private final AtomicLong aheadMillis = new AtomicLong();

    public void step(Duration forward) {
        aheadMillis.addAndGet(forward.toMillis());
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(aheadMillis.get());
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + aheadMillis.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
