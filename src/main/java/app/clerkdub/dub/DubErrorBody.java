package app.clerkdub.dub;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Dub's error body: {@code {"error":{"code","message","doc_url"}}}.
 * <p>
 * Read only through {@code Response.readEntity} in the client's exception mapper, which the build does not
 * see: the annotation (which covers {@link Error} too) keeps it readable in the native binary.
 */
@RegisterForReflection
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
