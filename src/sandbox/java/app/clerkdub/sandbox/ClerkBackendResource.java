package app.clerkdub.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestHeader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.clerkdub.clerk.ClerkClient.ClerkBackendApi.ClerkErrors;
import io.quarkus.arc.profile.UnlessBuildProfile;

/**
 * The Backend API operations the service calls, on Clerk's contract: {@code Authorization: Bearer}
 * with the secret key, {@code User} and {@code Organization} bodies, {@code ClerkErrors} on failure, and a deep
 * merge of metadata.
 */
@Path(ClerkBackendResource.BASE + "/v1")
@UnlessBuildProfile("prod")
@Produces(MediaType.APPLICATION_JSON)
public class ClerkBackendResource {
    static final String BASE = "/_sandbox/clerk-api";
    private static final Set<String> METADATA_FIELDS = Set.of("public_metadata", "private_metadata", "unsafe_metadata");

    private final ClerkSandbox clerk;
    private final String expectedAuthorization;
    private final ObjectMapper json;

    ClerkBackendResource(ClerkSandbox clerk, @ConfigProperty(name = "clerk.secret-key") String secretKey,
            ObjectMapper json) {
        this.clerk = clerk;
        this.expectedAuthorization = "Bearer " + secretKey;
        this.json = json;
    }

    /**
     * The instance's key set, as Clerk's Backend API serves it to a secret key: what the service's readiness
     * check of {@code CLERK_SECRET_KEY} reads, so that it tells whether the sandbox took the key.
     */
    @GET
    @Path("/jwks")
    public Response jwks(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return expectedAuthorization.equals(authorization) ? Response.ok(clerk.jwks()).build() : unauthenticated();
    }

    @GET
    @Path("/users/{userId}")
    public Response getUser(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("userId") String userId) {
        if (!expectedAuthorization.equals(authorization)) {
            return unauthenticated();
        }
        return clerk.user(userId)
                .map(user -> Response.ok(user.toJson()).build())
                .orElseGet(() -> userNotFound(userId));
    }

    @PATCH
    @Path("/users/{userId}/metadata")
    @Consumes(MediaType.WILDCARD)
    public Response updateMetadata(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("userId") String userId, String body) {
        if (!expectedAuthorization.equals(authorization)) {
            return unauthenticated();
        }
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (java.io.IOException malformed) {
            return error(400, "request_body_invalid", "The request body is invalid JSON");
        }
        if (!root.isObject()) {
            return error(400, "request_body_invalid", "The request body must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!METADATA_FIELDS.contains(field.getKey())) {
                return error(422, "form_param_unknown", "is unknown", field.getKey());
            }
            if (!field.getValue().isObject()) {
                return error(422, "form_param_value_invalid", "must be a JSON object", field.getKey());
            }
        }
        MetadataPatch patch = json.convertValue(root, MetadataPatch.class);
        return clerk.mergeMetadata(userId, patch)
                .map(user -> Response.ok(user.toJson()).build())
                .orElseGet(() -> userNotFound(userId));
    }

    @GET
    @Path("/organizations/{organizationId}")
    public Response getOrganization(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("organizationId") String organizationId) {
        if (!expectedAuthorization.equals(authorization)) {
            return unauthenticated();
        }
        return clerk.organization(organizationId)
                .map(organization -> Response.ok(organization.fields()).build())
                .orElseGet(() -> error(404, "resource_not_found", "No organization was found with id " + organizationId));
    }

    private static Response unauthenticated() {
        return error(401, "authentication_invalid",
                "Unable to authenticate the request, you need to supply an active API key");
    }

    private static Response userNotFound(String userId) {
        return error(404, "resource_not_found", "No user was found with id " + userId);
    }

    private static Response error(int status, String code, String message, String param) {
        return error(status, code, param + " " + message);
    }

    static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(errors(code, message)).build();
    }

    /** Clerk's {@code ClerkErrors} body of one error, with a trace id of its own. */
    public static ClerkErrors errors(String code, String message) {
        return new ClerkErrors(List.of(new ClerkErrors.ClerkError(message, message, code)),
                SandboxIds.next("trace_", 16));
    }
}
