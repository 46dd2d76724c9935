package app.clerkdub.lambda;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.SessionTokens.ALLOWED_ORIGIN;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.SessionTokens;
import app.clerkdub.lambda.ApiGatewayEvent.Answer;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Cookies and tokens through API Gateway (payload format 2.0): the {@code __session} and {@code dub_id} cookies
 * arrive in the event's {@code cookies} list, the cleared {@code dub_id} leaves, with its Domain, in the
 * response's {@code cookies} list, and the Authorization header passes through to the token check.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
class ApiGatewayCookiesTest {
    static final String CLICK = "clk_1JX8Z3MQWV0GX4Y2";
    static final String CLEARED = "dub_id=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenLeadTracked();
    }

    @Test
    void sessionAndClickFromTheCookiesListAndTheClearedCookieInTheResponsesCookiesList() {
        Answer answer = ApiGatewayEvent.post(PATH).header("origin", ALLOWED_ORIGIN)
                .cookie("__session", session().sign()).cookie("dub_id", CLICK).send();
        assertEquals(200, answer.status(), answer.event().toString());
        assertEquals("tracked", answer.body().path("status").asText());
        assertEquals(CLICK, answer.body().path("clickId").asText());
        assertEquals(List.of(CLEARED + "; Domain=.app.example.com"), answer.cookies());
        assertNull(answer.header("set-cookie"), "Set-Cookie leaves in the cookies list, not as a header");
        assertEquals(CLICK, Fakes.dub().leads().get(0).getBodyAsString().replaceAll(".*\"clickId\":\"([^\"]+)\".*", "$1"));
    }

    @Test
    void authorizationHeaderPassesThroughAndTheCookieListStillCarriesTheClick() {
        Answer answer = ApiGatewayEvent.post(PATH).header("origin", "https://www.shop.example.org")
                .header("authorization", "Bearer " + session().sign()).cookie("dub_id", CLICK)
                .cookie("_ga", "GA1.1.1,2.3").send();
        assertEquals(200, answer.status(), answer.event().toString());
        assertEquals("tracked", answer.body().path("status").asText());
        assertEquals(List.of(CLEARED + "; Domain=.shop.example.org"), answer.cookies());
        assertEquals(1, Fakes.dub().leads().size());
    }

    @Test
    void noClickLeavesNoCookie() {
        Answer answer = ApiGatewayEvent.post(PATH).header("origin", ALLOWED_ORIGIN)
                .header("authorization", "Bearer " + session().sign()).send();
        assertEquals(200, answer.status());
        assertEquals("no_click", answer.body().path("status").asText());
        assertEquals(List.of(), answer.cookies());
    }

    @Test
    void base64EncodedBodyIsReadAsTheSameJson() {
        Answer answer = ApiGatewayEvent.post(PATH).header("origin", ALLOWED_ORIGIN)
                .header("authorization", "Bearer " + session().sign())
                .json("{\"clickId\":\"" + CLICK + "\"}").base64().send();
        assertEquals(200, answer.status(), answer.event().toString());
        assertEquals(CLICK, answer.body().path("clickId").asText());
    }

    @Test
    void hostileTokenInTheHeaderOrTheCookiesListGets401AndReachesNoUpstream() {
        String forged = session().signedBy(SessionTokens.otherKeys()).sign();
        String unsigned = forged.substring(0, forged.lastIndexOf('.') + 1);
        for (ApiGatewayEvent event : List.of(
                ApiGatewayEvent.post(PATH).header("authorization", "Bearer " + forged),
                ApiGatewayEvent.post(PATH).header("authorization", "Bearer " + unsigned),
                ApiGatewayEvent.post(PATH).cookie("__session", forged).cookie("dub_id", CLICK),
                ApiGatewayEvent.post(PATH).cookie("dub_id", CLICK))) {
            Answer answer = event.header("origin", ALLOWED_ORIGIN).send();
            assertEquals(401, answer.status(), answer.event().toString());
            // Headers of one name would leave as one comma-joined line: one challenge, as on the container.
            assertEquals("Bearer", answer.header("www-authenticate"));
            assertEquals("unauthorized", answer.body().path("error").path("code").asText());
            assertTrue(answer.cookies().isEmpty());
        }
        assertEquals(0, Fakes.clerk().requestCount(), "no Clerk call");
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size(), "no Dub call");
    }
}
