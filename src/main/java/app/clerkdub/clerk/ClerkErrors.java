package app.clerkdub.clerk;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Clerk's error body: {@code {"errors":[{"message","long_message","code"}],"clerk_trace_id"}}.
 * <p>
 * Read only through {@code Response.readEntity} in the client's exception mapper, which the build does not
 * see: the annotation (which covers {@link ClerkError} too) keeps it readable in the native binary.
 */
@RegisterForReflection
public record ClerkErrors(List<ClerkError> errors, @JsonProperty("clerk_trace_id") String clerkTraceId) {

    public record ClerkError(String message, @JsonProperty("long_message") String longMessage, String code) {
    }

    String firstCode() {
        return errors == null || errors.isEmpty() ? null : errors.get(0).code();
    }

    String firstMessage() {
        return errors == null || errors.isEmpty() ? null : errors.get(0).message();
    }
}
