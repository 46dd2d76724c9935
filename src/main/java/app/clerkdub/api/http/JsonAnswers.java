package app.clerkdub.api.http;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes a JSON answer where the REST layer does not: in a filter of the {@link FrontDoor} and on the webhook
 * route. Jackson writes the body, with the application's {@link ObjectMapper}, as it writes the endpoint's.
 */
@ApplicationScoped
public class JsonAnswers {
    private final ObjectMapper json;

    JsonAnswers(ObjectMapper json) {
        this.json = json;
    }

    /** A refusal, with its {@code Retry-After} when it has one. */
    public void refuse(RoutingContext context, Refusal refusal) {
        refusal.retryAfterSeconds()
                .ifPresent(seconds -> context.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        write(context, refusal.status(), refusal.body());
    }

    /** Any answer; nothing is written to a response already ended or closed (the caller has gone). */
    public void write(RoutingContext context, int status, Object body) {
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException unwritable) {
            // Only a record of this service's own is written here: a failure is a bug, answered as one.
            status = 500;
            text = "{\"ok\":false}";
        }
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(text);
    }
}
