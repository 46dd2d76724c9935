package app.clerkdub.api.http;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.Requests.withSessionCookie;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import app.clerkdub.dub.DubClient.Customer;
import app.clerkdub.fakes.ClerkFake;
import app.clerkdub.fakes.Customers;
import app.clerkdub.fakes.DubFake;
import app.clerkdub.fakes.DubSpecCheck;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.Requests;
import app.clerkdub.fakes.ServiceLog;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every branch of the lead flow, checked by status, body, Set-Cookie and the exact upstream requests. */
@QuarkusTest
@WithTestResource(Fakes.class)
@ExtendWith(DubSpecCheck.class)
class TrackLeadTest {
    static final String CLICK = "clk_1JX8Z3MQWV0GX4Y2";
    static final String CLEARED_COOKIE = "dub_id=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
    }

    @Test
    void tokenThatSaysTrackedIsAnsweredWithoutAnyUpstreamCall() {
        withBearer(session().metadata(Map.of("dubClickId", CLICK, "plan", "pro")).sign())
                .cookie("dub_id", "clk_other")
                .post(PATH)
                .then().statusCode(200)
                .body("ok", equalTo(true))
                .body("status", equalTo("already_tracked"))
                .body("clickId", nullValue())
                .header("Set-Cookie", nullValue());
        assertEquals(0, Fakes.clerk().requestCount());
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size());
    }

    static List<Object> metadataThatSaysNothing() {
        return List.of("a string", 42, List.of("dubClickId"), Map.of("dubClickId", ""),
                Map.of("dubClickId", 7), Map.of("other", "x"),
                // The small claim of a user with no dubClickId yet: Clerk renders a missing field as null.
                Collections.singletonMap("dubClickId", null),
                // A shortcode Clerk left as text: not a value this service writes, so not taken for tracked.
                Map.of("dubClickId", "{{user.public_metadata.dubClickId}}"));
    }

    @Test
    void smallClaimWithTheClickIdAloneIsAnsweredWithoutAnyUpstreamCall() {
        for (String recorded : List.of(CLICK, "n/a")) {
            withBearer(session().metadata(Map.of("dubClickId", recorded)).sign())
                    .post(PATH)
                    .then().statusCode(200).body("status", equalTo("already_tracked"));
        }
        assertEquals(0, Fakes.clerk().requestCount());
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size());
    }

    @ParameterizedTest
    @MethodSource("metadataThatSaysNothing")
    void metadataClaimThatIsNotATrackedObjectMeansNotTrackedYet(Object metadata) {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID).withMetadata(Map.of("dubClickId", CLICK)));
        withBearer(session().metadata(metadata).sign())
                .post(PATH)
                .then().statusCode(200).body("status", equalTo("already_tracked"));
        assertEquals(1, Fakes.clerk().userReads().size(), "the fresh Clerk record is read");
    }

    @Test
    void missingOrNullMetadataClaimMeansNotTrackedYet() {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID).withMetadata(Map.of("dubClickId", CLICK)));
        withBearer(session().without("metadata").sign()).post(PATH).then().statusCode(200);
        withBearer(session().metadata(null).sign()).post(PATH).then().statusCode(200);
        assertEquals(2, Fakes.clerk().userReads().size());
    }

    @Test
    void freshClerkRecordThatSaysTrackedWinsOverAStaleToken() {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID).withMetadata(Map.of("dubClickId", CLICK)));
        withBearer(session().sign())
                .cookie("dub_id", CLICK)
                .post(PATH)
                .then().statusCode(200)
                .body("status", equalTo("already_tracked"))
                .body("clickId", nullValue())
                // The cookie holds the very click the record holds: spent, so the browser drops it.
                .header("Set-Cookie", equalTo(CLEARED_COOKIE + "; Domain=.app.example.com"));
        assertEquals(1, Fakes.clerk().userReads().size());
        assertEquals(0, Fakes.clerk().metadataUpdates().size());
        assertEquals(0, Fakes.dub().leads().size());
    }

    @Test
    void noClickIdMarksTheUserWithoutCallingDub() throws Exception {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        withBearer(session().sign())
                .post(PATH)
                .then().statusCode(200)
                .body("ok", equalTo(true))
                .body("status", equalTo("no_click"))
                .body("clickId", nullValue())
                .header("Set-Cookie", nullValue());
        assertMetadataUpdate("n/a");
        assertEquals(0, Fakes.dub().leads().size());
    }

    @Test
    void clickFromTheCookieIsTrackedRecordedAndTheCookieCleared() throws Exception {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenLeadTracked();
        withBearer(session().sign())
                .cookie("dub_id", CLICK)
                .post(PATH)
                .then().statusCode(200)
                .body("ok", equalTo(true))
                .body("status", equalTo("tracked"))
                .body("clickId", equalTo(CLICK))
                .header("Set-Cookie", equalTo(CLEARED_COOKIE + "; Domain=.app.example.com"));

        JsonNode lead = onlyLead();
        assertEquals(JSON.readTree("""
                {"clickId":"%s","eventName":"Sign Up","customerExternalId":"%s",
                 "customerName":"Ada Lovelace","customerEmail":"ada@example.com",
                 "customerAvatar":"https://img.clerk.com/ada.png"}""".formatted(CLICK, USER_ID)), lead);
        assertEquals("Bearer " + DubFake.API_KEY, Fakes.dub().leads().get(0).getHeader("Authorization"));
        assertMetadataUpdate(CLICK);
    }

    @Test
    void theRequestLineTimesEachUpstreamCall() {
        String user = "user_timed_calls";
        Fakes.clerk().givenUser(ClerkUser.named(user));
        Fakes.dub().givenLeadTracked();
        withBearer(session().subject(user).sign()).cookie("dub_id", CLICK).post(PATH).then().statusCode(200);

        ServiceLog.awaitLine("track-lead 200 tracked user=" + user + " ", " clerk_get_user=",
                " clerk_update_metadata=", " dub_track_lead=");
    }

    @Test
    void clickFromTheBodyIsUsedWhenThereIsNoCookie() throws Exception {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenLeadTracked();
        Requests.jsonBody(withBearer(session().sign()), "{\"clickId\":\"" + CLICK + "\"}")
                .post(PATH)
                .then().statusCode(200)
                .body("status", equalTo("tracked"))
                .body("clickId", equalTo(CLICK))
                .header("Set-Cookie", containsString("dub_id=;"));
        assertEquals(CLICK, onlyLead().get("clickId").asText());
        assertMetadataUpdate(CLICK);
    }

    @Test
    void cookieWinsOverTheBody() throws Exception {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenLeadTracked();
        Requests.jsonBody(withBearer(session().sign()), "{\"clickId\":\"clk_from_body\"}")
                .cookie("dub_id", CLICK)
                .post(PATH)
                .then().statusCode(200).body("clickId", equalTo(CLICK));
        assertEquals(CLICK, onlyLead().get("clickId").asText());
    }

    @Test
    void sessionCookieAuthenticatesASameSiteCall() throws Exception {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenLeadTracked();
        withSessionCookie(session().sign())
                .cookie("dub_id", CLICK)
                .post(PATH)
                .then().statusCode(200).body("status", equalTo("tracked"));
        assertMetadataUpdate(CLICK);
    }

    @Test
    void dubsDedupAnswerIsReportedAsDuplicateAndRecorded() throws Exception {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenAnswer(DubFake.duplicate());
        withBearer(session().sign())
                .cookie("dub_id", CLICK)
                .post(PATH)
                .then().statusCode(200)
                .body("status", equalTo("duplicate"))
                .body("clickId", equalTo(CLICK))
                .header("Set-Cookie", containsString("Max-Age=0"));
        assertMetadataUpdate(CLICK);
    }

    @Test
    void unknownClickIsRecordedAsNotApplicableAndNeverRetried() throws Exception {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenAnswer(DubFake.clickNotFound(CLICK));
        withBearer(session().sign())
                .cookie("dub_id", CLICK)
                .post(PATH)
                .then().statusCode(200)
                .body("status", equalTo("unknown_click"))
                .body("clickId", equalTo(CLICK))
                .header("Set-Cookie", containsString("dub_id=;"));
        assertEquals(1, Fakes.dub().leads().size(), "a 404 is never retried");
        assertMetadataUpdate("n/a");
    }

    @Test
    void dubServerErrorLeavesTheUserAndTheCookieAlone() {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenAnswer(DubFake.error(500, "internal_server_error",
                "An internal server error occurred. Please contact our support if the problem persists."));
        withBearer(session().sign())
                .cookie("dub_id", CLICK)
                .post(PATH)
                .then().statusCode(502)
                .body("ok", equalTo(false))
                .body("error.code", equalTo("dub_unavailable"))
                .body("error.message", containsString("internal_server_error"))
                .body("error.message", not(containsString(DubFake.API_KEY)))
                .header("Set-Cookie", nullValue());
        assertEquals(0, Fakes.clerk().metadataUpdates().size());
    }

    @Test
    void dubRefusingTheKeyIsABadGatewayWithDubsCodeAndNoKey() {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenAnswer(DubFake.error(401, "unauthorized", "Unauthorized: Invalid API key."));
        withBearer(session().sign())
                .cookie("dub_id", CLICK)
                .post(PATH)
                .then().statusCode(502)
                .body("error.code", equalTo("dub_unavailable"))
                .body("error.message", containsString("401 unauthorized"))
                .body("error.message", not(containsString(DubFake.API_KEY)))
                .header("Set-Cookie", nullValue());
        assertEquals(1, Fakes.dub().leads().size(), "a 401 is never retried");
        assertEquals(0, Fakes.clerk().metadataUpdates().size());
    }

    @Test
    void clerkFailingAfterDubAcceptedIsABadGatewayAndARetryCompletesAsDuplicate() throws Exception {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.clerk().givenMetadataUpdateAnswers(USER_ID,
                ClerkFake.error(503, "service_unavailable", "Service unavailable"));
        Fakes.dub().server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(DubFake.PATH)
                .inScenario("dedup").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(DubFake.tracked()).willSetStateTo("seen"));
        Fakes.dub().server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(DubFake.PATH)
                .inScenario("dedup").whenScenarioStateIs("seen")
                .willReturn(DubFake.duplicate()));

        withBearer(session().sign())
                .cookie("dub_id", CLICK)
                .post(PATH)
                .then().statusCode(502)
                .body("error.code", equalTo("clerk_unavailable"))
                .body("error.message", not(containsString(ClerkFake.SECRET_KEY)))
                .header("Set-Cookie", nullValue());

        Fakes.clerk().givenUser(ClerkUser.named(USER_ID)); // Clerk is back
        withBearer(session().sign())
                .cookie("dub_id", CLICK)
                .post(PATH)
                .then().statusCode(200)
                .body("status", equalTo("duplicate"))
                .body("clickId", equalTo(CLICK))
                .header("Set-Cookie", containsString("dub_id=;"));
        assertEquals(2, Fakes.dub().leads().size(), "the retry reached Dub's dedup, not a second lead");
        List<LoggedRequest> updates = Fakes.clerk().metadataUpdates();
        assertEquals(JSON.readTree("{\"public_metadata\":{\"dubClickId\":\"" + CLICK + "\"},\"private_metadata\":"
                + Customers.privateMetadata(ClerkUser.named(USER_ID)) + "}"),
                JSON.readTree(updates.get(updates.size() - 1).getBodyAsString()));
    }

    @Test
    void otherPublicMetadataIsMergedNotReplaced() throws Exception {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID)
                .withMetadata(Map.of("plan", "pro", "onboarding", Map.of("step", 3))));
        Fakes.dub().givenLeadTracked();
        withBearer(session().metadata(Map.of("plan", "pro")).sign())
                .cookie("dub_id", CLICK)
                .post(PATH)
                .then().statusCode(200).body("status", equalTo("tracked"));
        // Only the deep-merge endpoint is used, with only our key: Clerk keeps plan and onboarding.
        assertMetadataUpdate(CLICK);
        assertEquals(2, Fakes.clerk().requestCount(), "one read and one merge, nothing that replaces");
    }

    @Test
    void userThatClerkNoLongerKnowsIsNotFoundAndNothingIsSent() {
        Fakes.clerk().givenGetUserAnswers(USER_ID, ClerkFake.userNotFound(USER_ID));
        withBearer(session().sign())
                .cookie("dub_id", CLICK)
                .post(PATH)
                .then().statusCode(404)
                .body("ok", equalTo(false))
                .body("error.code", equalTo("user_not_found"))
                .header("Set-Cookie", nullValue());
        assertEquals(0, Fakes.dub().leads().size());
        assertEquals(0, Fakes.clerk().metadataUpdates().size());
    }

    @Test
    void clerkRefusingTheSecretKeyIsABadGatewayWithoutTheKey() {
        Fakes.clerk().givenGetUserAnswers(USER_ID, ClerkFake.error(401, "authentication_invalid",
                "Unable to authenticate the request, you need to supply an active API key"));
        withBearer(session().sign())
                .cookie("dub_id", CLICK)
                .post(PATH)
                .then().statusCode(502)
                .body("error.code", equalTo("clerk_unavailable"))
                .body("error.message", containsString("authentication_invalid"))
                .body("error.message", not(containsString(ClerkFake.SECRET_KEY)));
        assertEquals(0, Fakes.dub().leads().size());
    }

    @Test
    void customerNameFallsBackToTheUsernameThenIsLeftOut() throws Exception {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID).withNames(null, null, "ada_l"));
        Fakes.dub().givenLeadTracked();
        withBearer(session().sign()).cookie("dub_id", CLICK).post(PATH).then().statusCode(200);
        assertEquals("ada_l", onlyLead().get("customerName").asText());

        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID).withNames(null, null, null));
        Fakes.dub().givenLeadTracked();
        withBearer(session().sign()).cookie("dub_id", CLICK).post(PATH).then().statusCode(200);
        assertFalse(onlyLead().has("customerName"));
    }

    @Test
    void fieldsDubWouldRefuseAreCutOrLeftOut() throws Exception {
        String longName = "N".repeat(150);
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID).withNames(longName, null, null).withEmail("not-an-email@"));
        Fakes.dub().givenLeadTracked();
        withBearer(session().sign()).cookie("dub_id", CLICK).post(PATH).then().statusCode(200);
        JsonNode lead = onlyLead();
        assertEquals("N".repeat(100), lead.get("customerName").asText());
        assertFalse(lead.has("customerEmail"));
        assertFalse(lead.has("mode"), "mode is only sent when DUB_LEAD_MODE is set");
    }

    @Test
    void cookieIsClearedOnTheDomainDubsScriptUsedForTheOrigin() {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenLeadTracked();
        withBearer(session().sign(), "https://www.shop.example.org")
                .cookie("dub_id", CLICK)
                .post(PATH)
                .then().statusCode(200)
                .header("Set-Cookie", equalTo(CLEARED_COOKIE + "; Domain=.shop.example.org"));

        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenLeadTracked();
        withBearer(session().sign(), "http://localhost:3000")
                .cookie("dub_id", CLICK)
                .post(PATH)
                .then().statusCode(200)
                .header("Set-Cookie", equalTo(CLEARED_COOKIE));
    }

    private static JsonNode onlyLead() throws Exception {
        List<LoggedRequest> leads = Fakes.dub().leads();
        assertEquals(1, leads.size(), "exactly one lead reaches Dub");
        return JSON.readTree(leads.get(0).getBodyAsString());
    }

    private static void assertMetadataUpdate(String clickId) throws Exception {
        List<LoggedRequest> updates = Fakes.clerk().metadataUpdates();
        assertEquals(1, updates.size(), "exactly one metadata update");
        LoggedRequest update = updates.get(0);
        assertEquals("/v1/users/" + USER_ID + "/metadata", update.getUrl());
        assertEquals("Bearer " + ClerkFake.SECRET_KEY, update.getHeader("Authorization"));
        JsonNode body = JSON.readTree(update.getBodyAsString());
        assertEquals(JSON.readTree("{\"dubClickId\":\"" + clickId + "\"}"), body.get("public_metadata"));
        // With a lead, the fingerprint of the customer fields that Dub was sent; none for a user Dub holds nothing of.
        List<LoggedRequest> leads = Fakes.dub().leads();
        JsonNode sent = "n/a".equals(clickId) ? null : JSON.readTree(leads.get(leads.size() - 1).getBodyAsString());
        assertEquals(sent == null ? null : JSON.readTree("{\"dubCustomer\":\"" + new Customer(USER_ID, text(sent, "customerName"),
                        text(sent, "customerEmail"), text(sent, "customerAvatar")).fingerprint() + "\"}"),
                body.get("private_metadata"));
        assertTrue(update.getHeader("Content-Type").startsWith("application/json"));
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }
}
