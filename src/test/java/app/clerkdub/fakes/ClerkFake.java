package app.clerkdub.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import app.clerkdub.sandbox.ClerkBackendResource;
import app.clerkdub.sandbox.ClerkOrganization;
import app.clerkdub.sandbox.ClerkUser;
import app.clerkdub.sandbox.Simulation;

/**
 * Clerk's Backend API as its OpenAPI spec describes it: {@code User} objects with every required
 * field, {@code ClerkErrors} bodies, {@code Retry-After} in seconds; users and errors are written by simulated
 * Clerk ({@link ClerkUser}, {@link ClerkBackendResource#errors}).
 */
public final class ClerkFake {
    /** The read the service makes to check its secret key. */
    public static final String KEY_CHECK_PATH = "/v1/jwks";
    public static final String SECRET_KEY = "sk_test_fake";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WireMockServer server;
    private final Simulation simulation;

    ClerkFake(WireMockServer server, Simulation simulation) {
        this.server = server;
        this.simulation = simulation;
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

    /**
     * Clerk holds this user: {@code GET /v1/users/{id}} answers it, the metadata PATCH merges into it, as the
     * simulation does (in place of any answer stubbed for the user before).
     */
    public void givenUser(ClerkUser user) {
        simulation.putUser(user);
        server.stubFor(get(urlPathEqualTo(usersPath(user.id()))).willReturn(Simulated.answer()));
        server.stubFor(patch(urlPathEqualTo(metadataPath(user.id()))).willReturn(Simulated.answer()));
    }

    /** Clerk holds this user, and answers each read of it only after {@code delayMillis}. */
    public void givenUserAnsweringSlowly(ClerkUser user, int delayMillis) {
        givenUser(user);
        server.stubFor(get(urlPathEqualTo(usersPath(user.id()))).willReturn(Simulated.answer().withFixedDelay(delayMillis)));
    }

    /** The user was deleted in Clerk: the Backend API answers 404 for it from now on. */
    public void deleteUser(String userId) {
        simulation.deleteUser(userId);
    }

    /** Clerk holds this organization: {@code GET /v1/organizations/{id}} answers it, as the simulation does. */
    public void givenOrganization(ClerkOrganization organization) {
        simulation.putOrganization(organization);
        server.stubFor(get(urlPathEqualTo(organizationPath(organization.id()))).willReturn(Simulated.answer()));
    }

    public static String organizationPath(String organizationId) {
        return "/v1/organizations/" + organizationId;
    }

    public List<LoggedRequest> organizationReads() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/v1/organizations/[^/]+")));
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

    /**
     * The calls made for users and organizations (reads, metadata updates): what a request or a delivery costs Clerk. The
     * service's own check of its secret key (at start and on readiness probes, {@value #KEY_CHECK_PATH}) is
     * nobody's request and is not counted.
     */
    public int requestCount() {
        return (int) server.getAllServeEvents().stream()
                .filter(event -> !event.getRequest().getUrl().startsWith(KEY_CHECK_PATH)).count();
    }

    /** Clerk's {@code ClerkErrors} body with the status and code its docs list. */
    public static ResponseDefinitionBuilder error(int status, String code, String message) {
        return json(status, write(ClerkBackendResource.errors(code, message)));
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
}
