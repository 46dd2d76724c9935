package app.clerkdub.browser;

import static app.clerkdub.browser.PageScripts.IMPORT_CLIENT;
import static app.clerkdub.browser.PageScripts.SIGN_UP;
import static app.clerkdub.browser.PageScripts.arriveThroughDubLink;
import static app.clerkdub.browser.SandboxProfile.API_ORIGIN;
import static app.clerkdub.browser.SandboxProfile.APP_ORIGIN;
import static app.clerkdub.browser.SandboxProfile.OTHER_ORIGIN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.clerkdub.sandbox.DubSandbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The page on app.example.test calls the API on api.example.test: the browser's CORS preflight decides,
 * the token travels as Bearer, and the click id in the body, since dub_id (Domain .app.example.test)
 * never reaches api.example.test.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
class CrossOriginBrowserTest extends BrowserTest {
    /** Signs up, then calls the API on the other host with the client module, as an SPA would. */
    static final String TRACK_ON_API_HOST = SIGN_UP + IMPORT_CLIENT + """
            try {
              const result = await trackLead({ endpoint: args[0] + '/api/track-lead', getToken: async () => signedUp.jwt });
              return { userId: signedUp.user.id, result };
            } catch (failure) {
              return { userId: signedUp.user.id, failure: String(failure) };
            }
            """;

    @Inject
    DubSandbox dub;

    @Test
    @SuppressWarnings("unchecked")
    void allowedOriginSendsTheClickIdInTheBodyAndTheClientDeletesTheCookie() {
        String clickId = arriveThroughDubLink(browser, APP_ORIGIN);

        Map<String, Object> outcome = browser.run(TRACK_ON_API_HOST, API_ORIGIN);

        Map<String, Object> result = (Map<String, Object>) outcome.get("result");
        assertEquals(null, outcome.get("failure"), browser.consoleLog());
        assertEquals(200L, result.get("httpStatus"));
        assertEquals("tracked", result.get("status"));
        assertEquals(true, result.get("reload"));
        // The service can only know the click from the body: the cookie is not sent to api.example.test.
        assertEquals(clickId, ((Map<String, Object>) result.get("body")).get("clickId"));
        assertTrue(dub.leads().stream().anyMatch(lead -> lead.clickId().equals(clickId)
                && lead.customer().externalId().equals(outcome.get("userId"))), "Dub recorded the lead");
        assertNull(browser.dubIdCookie(), "the client deletes dub_id with Dub's Domain");
    }

    @Test
    void otherOriginIsRefusedByThePreflightAndNothingIsSent() {
        String clickId = arriveThroughDubLink(browser, OTHER_ORIGIN);
        int leadsBefore = dub.leads().size();

        Map<String, Object> outcome = browser.run(TRACK_ON_API_HOST, API_ORIGIN);

        assertEquals("TypeError: Failed to fetch", outcome.get("failure"));
        assertTrue(browser.consoleLog().contains("blocked by CORS policy"), browser.consoleLog());
        assertEquals(leadsBefore, dub.leads().size());
        assertEquals(clickId, browser.dubIdCookie(), "an unsent click keeps its cookie");
    }

    /** The SPA may send its token, its JSON and its W3C trace context, and only from its own origin. */
    @Test
    void preflightAnswersOnlyTheAllowedOrigin() {
        preflightFrom(APP_ORIGIN).then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(APP_ORIGIN))
                .header("Access-Control-Allow-Headers", equalTo("Authorization,Content-Type,traceparent,tracestate"));
        preflightFrom(OTHER_ORIGIN).then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    private static io.restassured.response.Response preflightFrom(String origin) {
        return given().header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options(API_ORIGIN.replace("api.example.test", "localhost") + "/api/track-lead");
    }
}
