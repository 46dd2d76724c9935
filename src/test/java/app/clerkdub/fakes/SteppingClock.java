package app.clerkdub.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The system clock, which a test can step forward: a minute passes for the service without the test
 * waiting one. In place of the service's clock only in a test profile that enables this alternative.
 */
@Alternative
@Singleton
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
