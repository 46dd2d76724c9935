package app.clerkdub.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import app.clerkdub.platform.upstream.Upstream;

class ErrorCodeTest {

    @Test
    void theFrameworksRefusalsAreNamedByTheirReasonPhrase() {
        assertEquals(ErrorCode.NOT_FOUND, ErrorCode.ofReason("Not Found"));
        assertEquals(ErrorCode.METHOD_NOT_ALLOWED, ErrorCode.ofReason("Method Not Allowed"));
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.ofReason("Unsupported Media Type"));
        assertEquals(ErrorCode.REQUEST_REFUSED, ErrorCode.ofReason("Request refused"));
        assertEquals(ErrorCode.REQUEST_REFUSED, ErrorCode.ofReason("I'm a teapot"));
    }

    @Test
    void theWireValueIsSnakeCaseAsTheUpstreamsNameTheirCodes() {
        assertEquals("upstream_timeout", ErrorCode.UPSTREAM_TIMEOUT.wireValue());
        for (Upstream upstream : Upstream.values()) {
            assertEquals(upstream.errorCode(), ErrorCode.of(upstream).wireValue());
        }
    }

    @Test
    void aRefusalsRetryAfterIsWholeSecondsNeverZero() {
        Refusal refusal = Refusal.of(503, ErrorCode.BUSY, "busy").retryingAfter(Duration.ofMillis(200));
        assertEquals(Optional.of(1L), refusal.retryAfterSeconds());
        assertEquals(Optional.empty(), Refusal.of(504, ErrorCode.UPSTREAM_TIMEOUT, "late").retryAfterSeconds());
    }
}
