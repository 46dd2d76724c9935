package app.clerkdub.dub;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Dub's error body: {@code {"error":{"code","message","doc_url"}}}. */
public record DubErrorBody(Error error) {

    public record Error(String code, String message, @JsonProperty("doc_url") String docUrl) {
    }

    String code() {
        return error == null ? null : error.code();
    }

    String message() {
        return error == null ? null : error.message();
    }
}
