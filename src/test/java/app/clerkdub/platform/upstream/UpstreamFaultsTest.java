package app.clerkdub.platform.upstream;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import app.clerkdub.fakes.ClerkFake;
import app.clerkdub.fakes.DubFake;
import app.clerkdub.fakes.DubSpecCheck;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.Sequence;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Upstream faults: what the caller gets, and that the user is marked as tracked only when Dub
 * holds the lead. Retries: at most 2 more tries, on connection errors, timeouts, 429 and 5xx.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
@ExtendWith(DubSpecCheck.class)
class UpstreamFaultsTest {
    static final String CLICK = "clk_faults_1";

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
    }

    @Test
    void connectionResetOnEveryTryIsABadGatewayAndTheUserIsNotMarked() {
        Fakes.dub().givenAnswer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        track().then().statusCode(502)
                .body("ok", equalTo(false))
                .body("error.code", equalTo("dub_unavailable"))
                .body("error.message", containsString("could not be reached"))
                .header("Set-Cookie", nullValue());
        assertEquals(3, Fakes.dub().leads().size(), "one try and two retries");
        assertEquals(0, Fakes.clerk().metadataUpdates().size());
    }

    @Test
    void connectionResetThenAnAnswerIsRetriedAndTracked() {
        dubAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), DubFake.tracked());
        track().then().statusCode(200).body("status", equalTo("tracked"));
        assertEquals(2, Fakes.dub().leads().size());
        assertEquals(1, Fakes.clerk().metadataUpdates().size());
    }

    @Test
    void dubSlowerThanTheReadTimeoutIsAGatewayTimeoutAndTheUserIsNotMarked() {
        Fakes.dub().givenAnswer(DubFake.tracked().withFixedDelay(1_500)); // read timeout is 1 s in tests
        track().then().statusCode(504)
                .body("error.code", equalTo("dub_unavailable"))
                .body("error.message", containsString("did not answer in time"))
                .header("Set-Cookie", nullValue());
        assertEquals(0, Fakes.clerk().metadataUpdates().size(),
                "a lead Dub may or may not hold is not recorded: the next call finds out through Dub's dedup");
    }

    @Test
    void serverErrorThenSuccessIsRetriedOnceAndTracked() {
        dubAnswers(DubFake.error(500, "internal_server_error", "An internal server error occurred."),
                DubFake.tracked());
        track().then().statusCode(200).body("status", equalTo("tracked"));
        assertEquals(2, Fakes.dub().leads().size());
        assertEquals(1, Fakes.clerk().metadataUpdates().size());
    }

    @Test
    void serviceUnavailableForeverIsABadGatewayAfterTwoRetries() {
        Fakes.dub().givenAnswer(DubFake.error(500, "internal_server_error", "An internal server error occurred.")
                .withStatus(503));
        track().then().statusCode(502).body("error.code", equalTo("dub_unavailable"));
        assertEquals(3, Fakes.dub().leads().size());
        assertEquals(0, Fakes.clerk().metadataUpdates().size());
    }

    @Test
    void clerkRetryAfterInSecondsIsHonoured() {
        Sequence.stub(Fakes.clerk().server(), () -> get(urlPathEqualTo(ClerkFake.usersPath(USER_ID))),
                ClerkFake.tooManyRequests("1"), userAnswer());
        Fakes.dub().givenLeadTracked();
        track().then().statusCode(200).body("status", equalTo("tracked"));
        assertGapAtLeast(Fakes.clerk().userReads(), Duration.ofMillis(950));
    }

    @Test
    void dubRetryAfterAsEpochMillisecondsIsHonoured() {
        long reset = System.currentTimeMillis() + 1_000;
        dubAnswers(DubFake.rateLimited(reset), DubFake.tracked());
        track().then().statusCode(200).body("status", equalTo("tracked"));
        List<LoggedRequest> leads = Fakes.dub().leads();
        assertEquals(2, leads.size());
        assertTrue(leads.get(1).getLoggedDate().getTime() >= reset - 50,
                "the retry waited for Dub's reset time");
    }

    @Test
    void dubResetTimeAlreadyPassedIsRetriedAtOnce() {
        dubAnswers(DubFake.rateLimited(System.currentTimeMillis() - 1_000), DubFake.tracked());
        track().then().statusCode(200).body("status", equalTo("tracked"));
        assertEquals(2, Fakes.dub().leads().size());
    }

    @Test
    void dubRateLimitResetHeaderAloneIsHonoured() {
        long reset = System.currentTimeMillis() + 1_000;
        dubAnswers(DubFake.error(429, "rate_limit_exceeded", "Too many requests.")
                .withHeader("X-RateLimit-Reset", Long.toString(reset)), DubFake.tracked());
        track().then().statusCode(200);
        assertTrue(Fakes.dub().leads().get(1).getLoggedDate().getTime() >= reset - 50);
    }

    @Test
    void rateLimitLongerThanARequestCanWaitIsPassedOnAtOnce() {
        Fakes.dub().givenAnswer(DubFake.rateLimited(System.currentTimeMillis() + 60_000));
        track().then().statusCode(502)
                .body("error.code", equalTo("dub_unavailable"))
                .body("error.message", containsString("429 rate_limit_exceeded"))
                .header("Retry-After", org.hamcrest.Matchers.anyOf(equalTo("60"), equalTo("59")));
        assertEquals(1, Fakes.dub().leads().size(), "no retry inside the request");
        assertEquals(0, Fakes.clerk().metadataUpdates().size());
    }

    @Test
    void clientErrorsAreNeverRetried() {
        Fakes.dub().givenAnswer(DubFake.error(422, "unprocessable_entity", "invalid_string: Invalid email"));
        track().then().statusCode(502).body("error.message", containsString("422 unprocessable_entity"));
        assertEquals(1, Fakes.dub().leads().size());
    }

    @Test
    void dubWithoutTheKeysWorkspaceIsARefusalAndTheClickIsNotSpent() {
        Fakes.dub().givenAnswer(DubFake.error(404, "not_found", "Workspace not found."));
        track().then().statusCode(502)
                .body("error.code", equalTo("dub_unavailable"))
                .body("error.message", containsString("404 not_found: Workspace not found."));
        assertEquals(1, Fakes.dub().leads().size(), "a 404 is never retried");
        assertEquals(0, Fakes.clerk().metadataUpdates().size(), "unlike an unknown click, nobody is marked");
    }

    @Test
    void clerkMetadataFailureThenSuccessIsRetriedAndTheLeadRecorded() {
        Fakes.dub().givenLeadTracked();
        Sequence.stub(Fakes.clerk().server(), () -> patch(urlPathEqualTo(ClerkFake.metadataPath(USER_ID))),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), userAnswer());
        track().then().statusCode(200).body("status", equalTo("tracked"));
        assertEquals(1, Fakes.dub().leads().size(), "only the metadata update is retried");
        assertEquals(2, Fakes.clerk().metadataUpdates().size());
    }

    @Test
    void clerkReadTimeoutIsAGatewayTimeoutAndNothingReachesDub() {
        Fakes.clerk().givenGetUserAnswers(USER_ID, userAnswer().withFixedDelay(1_500));
        track().then().statusCode(504).body("error.code", equalTo("clerk_unavailable"));
        assertEquals(0, Fakes.dub().leads().size());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder userAnswer() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(ClerkUser.named(USER_ID).toJson());
    }

    private static void dubAnswers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
        Sequence.stub(Fakes.dub().server(), () -> post(urlPathEqualTo(DubFake.PATH))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + DubFake.API_KEY)), answers);
    }

    private static io.restassured.response.Response track() {
        return withBearer(session().sign()).cookie("dub_id", CLICK).post(PATH);
    }

    private static void assertGapAtLeast(List<LoggedRequest> requests, Duration gap) {
        assertEquals(2, requests.size());
        long millis = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertTrue(millis >= gap.toMillis(), "waited " + millis + " ms");
    }
}
