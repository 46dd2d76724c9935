package app.clerkdub.clerk;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Clerk's error body: {@code {"errors":[{"message","long_message","code"}],"clerk_trace_id"}}. */
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
