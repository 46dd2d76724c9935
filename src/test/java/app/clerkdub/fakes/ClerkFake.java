package app.clerkdub.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import app.clerkdub.sandbox.ClerkUserJson;

/**
 * Clerk's Backend API as its OpenAPI spec describes it: {@code User} objects with every required
 * field, {@code ClerkErrors} bodies, {@code Retry-After} in seconds.
 */
public final class ClerkFake {
    public static final String SECRET_KEY = "sk_test_fake";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WireMockServer server;

    ClerkFake(WireMockServer server) {
        this.server = server;
    }

    public WireMockServer server() {
        return server;
    }

    public static String usersPath(String userId) {
        return "/v1/users/" + userId;
    }

    public static String metadataPath(String userId) {
        return "/v1/users/" + userId + "/metadata";
    }

    /** {@code GET /v1/users/{id}} answers this user; the metadata PATCH answers it with the merge applied. */
    public void givenUser(User user) {
        server.stubFor(get(urlPathEqualTo(usersPath(user.id())))
                .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY))
                .willReturn(json(200, user.toJson())));
        server.stubFor(patch(urlPathEqualTo(metadataPath(user.id())))
                .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY))
                .willReturn(json(200, user.toJson())));
    }

    public void givenGetUserAnswers(String userId, ResponseDefinitionBuilder answer) {
        server.stubFor(get(urlPathEqualTo(usersPath(userId))).willReturn(answer));
    }

    public void givenMetadataUpdateAnswers(String userId, ResponseDefinitionBuilder answer) {
        server.stubFor(patch(urlPathEqualTo(metadataPath(userId))).willReturn(answer));
    }

    public List<LoggedRequest> userReads() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/v1/users/[^/]+")));
    }

    public List<LoggedRequest> metadataUpdates() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/v1/users/[^/]+/metadata")));
    }

    public int requestCount() {
        return server.getAllServeEvents().size();
    }

    /** Clerk's {@code ClerkErrors} body with the status and code its docs list. */
    public static ResponseDefinitionBuilder error(int status, String code, String message) {
        Map<String, Object> body = Map.of(
                "errors", List.of(Map.of("message", message, "long_message", message, "code", code)),
                "clerk_trace_id", "trace_0123456789abcdef");
        return json(status, write(body));
    }

    public static ResponseDefinitionBuilder userNotFound(String userId) {
        return error(404, "resource_not_found", "No user was found with id " + userId);
    }

    public static ResponseDefinitionBuilder tooManyRequests(String retryAfterSeconds) {
        return error(429, "too_many_requests", "Too many requests, retry later")
                .withHeader("Retry-After", retryAfterSeconds);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** A Clerk user; {@link #toJson()} writes every field that the spec's {@code User} requires. */
    public record User(String id, String firstName, String lastName, String username, String email,
            String imageUrl, Map<String, Object> publicMetadata) {

        public static User named(String id) {
            return new User(id, "Ada", "Lovelace", "ada", "ada@example.com",
                    "https://img.clerk.com/ada.png", Map.of());
        }

        public User withMetadata(Map<String, Object> metadata) {
            return new User(id, firstName, lastName, username, email, imageUrl, metadata);
        }

        public User withNames(String first, String last, String user) {
            return new User(id, first, last, user, email, imageUrl, publicMetadata);
        }

        public User withEmail(String address) {
            return new User(id, firstName, lastName, username, address, imageUrl, publicMetadata);
        }

        public String toJson() {
            long now = System.currentTimeMillis();
            return write(ClerkUserJson.of(new ClerkUserJson.Parts(id, username, firstName, lastName, email, imageUrl,
                    publicMetadata, Map.of(), Map.of(), now, now)));
        }
    }
}
