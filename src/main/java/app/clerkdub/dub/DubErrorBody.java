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

    /**
     * Whether a 404 says the API key's workspace is missing ("Workspace not found.", "Workspace ID not
     * found. ...") rather than that the click or its link is. Dub gives both the same {@code code}
     * ({@code not_found}) and {@code doc_url}, and no other field, so its message is the only thing
     * that tells them apart; it is read here, where Dub's body is parsed, and nowhere else.
     */
    boolean workspaceMissing() {
        String message = message();
        return message != null && message.contains("Workspace");
    }
}
