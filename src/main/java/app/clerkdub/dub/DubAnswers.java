package app.clerkdub.dub;

import java.time.Clock;

import jakarta.ws.rs.core.Response;

import app.clerkdub.platform.upstream.RetryAfter;
import app.clerkdub.platform.upstream.Upstream;
import app.clerkdub.platform.upstream.UpstreamException;
import app.clerkdub.platform.upstream.UpstreamException.Kind;

/** How every Dub operation reads an error answer: the one place that parses Dub's error body. */
final class DubAnswers {
    private DubAnswers() {
    }

    /**
     * A 404 is about what was asked for (a click, a customer's lead, a customer) unless Dub says the key's workspace
     * is missing, which is a refusal like a bad key. Dub puts an epoch time in milliseconds in both
     * {@code Retry-After} and {@code X-RateLimit-Reset}.
     */
    static RuntimeException toException(Response response) {
        DubErrorBody body = readError(response);
        int status = response.getStatus();
        Kind kind = status == 404 && body != null && body.workspaceMissing() ? Kind.REJECTED : Kind.ofStatus(status);
        return UpstreamException.answered(Upstream.DUB, kind, status,
                body == null ? null : body.code(),
                body == null ? null : body.message(),
                RetryAfter.fromHeaders(Clock.systemUTC(),
                        response.getHeaderString("Retry-After"),
                        response.getHeaderString("X-RateLimit-Reset")).orElse(null));
    }

    private static DubErrorBody readError(Response response) {
        try {
            return response.readEntity(DubErrorBody.class);
        } catch (RuntimeException notDubError) {
            // A gateway's HTML page or an empty body: the status alone tells what happened.
            return null;
        }
    }
}
