package app.clerkdub.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import app.clerkdub.platform.upstream.Upstream;

class ErrorCodeTest {

    @Test
    void theFrameworksRefusalsAreNamedAfterTheirStatus() {
        assertEquals(ErrorCode.UNAUTHORIZED, ErrorCode.ofStatus(401));
        assertEquals(ErrorCode.NOT_FOUND, ErrorCode.ofStatus(404));
        assertEquals(ErrorCode.METHOD_NOT_ALLOWED, ErrorCode.ofStatus(405));
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.ofStatus(415));
        assertEquals(ErrorCode.REQUEST_REFUSED, ErrorCode.ofStatus(418));
    }

    @Test
    void theWireValueIsSnakeCaseAndNamesTheUpstreamThatFailed() {
        assertEquals("upstream_timeout", ErrorCode.UPSTREAM_TIMEOUT.wireValue());
        assertEquals("clerk_unavailable", ErrorCode.of(Upstream.CLERK).wireValue());
        assertEquals("dub_unavailable", ErrorCode.of(Upstream.DUB).wireValue());
    }

    @Test
    void aRefusalsRetryAfterIsWholeSecondsNeverZero() {
        Refusal refusal = Refusal.of(503, ErrorCode.BUSY, "busy").retryingAfter(Duration.ofMillis(200));
        assertEquals(Optional.of(1L), refusal.retryAfterSeconds());
        assertEquals(Optional.empty(), Refusal.of(504, ErrorCode.UPSTREAM_TIMEOUT, "late").retryAfterSeconds());
    }
}
