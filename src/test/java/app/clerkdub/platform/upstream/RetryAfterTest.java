package app.clerkdub.platform.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryAfterTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void clerkSendsDeltaSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", CLOCK));
    }

    @Test
    void dubSendsAnEpochTimeInMilliseconds() {
        long reset = NOW.toEpochMilli() + 1_500;
        assertEquals(Optional.of(Duration.ofMillis(1_500)), RetryAfter.parse(Long.toString(reset), CLOCK));
    }

    @Test
    void aResetTimeInThePastMeansNoWait() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(Long.toString(NOW.toEpochMilli() - 10), CLOCK));
    }

    @Test
    void anHttpDateIsRead() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Sat, 28 Nov 2026 12:00:30 GMT", CLOCK));
    }

    @Test
    void garbageAndNegativeValuesAreIgnored() {
        assertEquals(Optional.empty(), RetryAfter.parse("soon", CLOCK));
        assertEquals(Optional.empty(), RetryAfter.parse("-3", CLOCK));
        assertEquals(Optional.empty(), RetryAfter.parse(null, CLOCK));
    }

    @Test
    void theFirstReadableHeaderWins() {
        long reset = NOW.toEpochMilli() + 2_000;
        assertEquals(Optional.of(Duration.ofSeconds(2)),
                RetryAfter.fromHeaders(CLOCK, null, "later", Long.toString(reset)));
    }
}
