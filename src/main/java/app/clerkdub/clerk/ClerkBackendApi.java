package app.clerkdub.clerk;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import app.clerkdub.platform.upstream.RetryAfter;
import app.clerkdub.platform.upstream.Upstream;
import app.clerkdub.platform.upstream.UpstreamException;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The Clerk Backend API operations this service uses; only {@link ClerkClient} calls them. The
 * secret key is read from the configuration as each request is sent, and never logged.
 */
@Path("/v1")
@RegisterRestClient(configKey = "clerk-api")
@ClientHeaderParam(name = HttpHeaders.AUTHORIZATION, value = "Bearer ${clerk.secret-key}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ClerkBackendApi {

    @GET
    @Path("/users/{userId}")
    Uni<ClerkUser> getUser(@PathParam("userId") String userId);

    /** Clerk answers with the whole user again; only the status matters, so the body is not read into one. */
    @PATCH
    @Path("/users/{userId}/metadata")
    Uni<Void> updateMetadata(@PathParam("userId") String userId, MetadataUpdate update);

    /** The organization, by id; an organization that pays is credited to one of its members. */
    @GET
    @Path("/organizations/{organizationId}")
    Uni<ClerkOrganization> getOrganization(@PathParam("organizationId") String organizationId);

    /** Clerk's errors come as {@code ClerkErrors}; its {@code Retry-After} is in seconds. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        ClerkErrors errors = readErrors(response);
        int status = response.getStatus();
        return UpstreamException.answered(Upstream.CLERK, UpstreamException.Kind.ofStatus(status), status,
                errors == null ? null : errors.firstCode(),
                errors == null ? null : errors.firstMessage(),
                RetryAfter.parse(response.getHeaderString("Retry-After"), Clock.systemUTC()).orElse(null),
                errors == null ? null : errors.clerkTraceId());
    }

    private static ClerkErrors readErrors(Response response) {
        try {
            return response.readEntity(ClerkErrors.class);
        } catch (RuntimeException notClerkErrors) {
            // A proxy's HTML page or an empty body: the status alone tells what happened.
            return null;
        }
    }

    /**
     * Body of {@code PATCH /v1/users/{id}/metadata}: Clerk deep-merges each object given, so other keys survive; an
     * object not given is left as it is. One update writes the lead's mark and the fingerprint of what Dub was sent
     * together, so that the {@code user.updated} it causes already shows both.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MetadataUpdate(@JsonProperty("public_metadata") Map<String, Object> publicMetadata,
            @JsonProperty("private_metadata") Map<String, Object> privateMetadata) {

        /** The mark, and the fingerprint of the customer Dub now holds, when it holds one (null: none). */
        public static MetadataUpdate clickId(String clickId, String customerFingerprint) {
            return new MetadataUpdate(Map.of(ClickIdMetadata.KEY, clickId), customer(customerFingerprint));
        }

        /** The click and where its deferred lead stands, in one update, with the customer's fingerprint. */
        public static MetadataUpdate lead(ClickIdMetadata mark, LeadState state, String customerFingerprint) {
            return new MetadataUpdate(Map.of(ClickIdMetadata.KEY, mark.value(), LeadState.KEY, state.value()),
                    customer(customerFingerprint));
        }

        /** Where the deferred lead stands, the click left as it is. */
        public static MetadataUpdate leadState(LeadState state) {
            return new MetadataUpdate(Map.of(LeadState.KEY, state.value()), null);
        }

        /** The fingerprint of what Dub now holds about the user, the public metadata left as it is. */
        public static MetadataUpdate customerSent(String customerFingerprint) {
            return new MetadataUpdate(null, customer(customerFingerprint));
        }

        private static Map<String, Object> customer(String fingerprint) {
            return fingerprint == null ? null : Map.of(ClerkUser.CUSTOMER_KEY, fingerprint);
        }
    }

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
}
