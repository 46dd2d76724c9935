package app.clerkdub.api.http;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.Requests;
import app.clerkdub.fakes.ServiceLog;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Bodies and click ids the endpoint refuses: a clear JSON error, and no upstream call. */
@QuarkusTest
@WithTestResource(Fakes.class)
class RequestInputTest {
    static final String CLEARED_COOKIE = "dub_id=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenLeadTracked();
    }

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"clickId\":", "invalid_json"),
                Arguments.of("an array", "[\"clk_1\"]", "invalid_body"),
                Arguments.of("a string", "\"clk_1\"", "invalid_body"),
                Arguments.of("clickId a number", "{\"clickId\":42}", "invalid_click_id"),
                Arguments.of("clickId empty", "{\"clickId\":\"\"}", "invalid_click_id"),
                Arguments.of("clickId with CRLF", "{\"clickId\":\"clk\\r\\nSet-Cookie: x=1\"}", "invalid_click_id"),
                Arguments.of("clickId with quotes", "{\"clickId\":\"clk\\\"'\"}", "invalid_click_id"),
                Arguments.of("clickId with unicode", "{\"clickId\":\"clk_\u00e9\u6f22\"}", "invalid_click_id"),
                Arguments.of("clickId of 10,000 characters", "{\"clickId\":\"" + "a".repeat(10_000) + "\"}",
                        "invalid_click_id"),
                Arguments.of("clickId of 129 characters", "{\"clickId\":\"" + "a".repeat(129) + "\"}",
                        "invalid_click_id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBodies")
    void refusedBodyGets400AndReachesNoUpstream(String name, String body, String code) {
        Requests.jsonBody(withBearer(session().sign()), body)
                .post(PATH)
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("ok", equalTo(false))
                .body("error.code", equalTo(code))
                .body("error.message", not(containsString("Set-Cookie")));
        assertNoUpstreamCall();
    }

    @Test
    void invalidDubIdCookieIsClearedAndTakenAsAbsent() {
        String unique = "user_badcookie" + System.nanoTime();
        Fakes.clerk().givenUser(ClerkUser.named(unique));
        withBearer(session().subject(unique).sign()).cookie("dub_id", "clk 1;\"x\"")
                .post(PATH)
                .then().statusCode(200)
                .body("status", equalTo("no_click"))
                .header("Set-Cookie", startsWith(CLEARED_COOKIE))
                .header("Set-Cookie", containsString("Domain=.app.example.com"));
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size(), "no lead for a cookie that is no click id");
        assertEquals(1, Fakes.clerk().metadataUpdates().size(), "the user is marked, so the SPA stops calling");
        assertTrue(Fakes.clerk().metadataUpdates().get(0).getBodyAsString().contains("\"n/a\""));
        ServiceLog.awaitLine("track-lead 200 no_click user=" + unique, "invalid_dub_id_cookie");
        Requests.management().get("/metrics").then().statusCode(200).body(containsString("leads_invalid_cookies_total"));
    }

    @Test
    void invalidDubIdCookieLeavesTheBodyClickIdToBeCredited() {
        Requests.jsonBody(withBearer(session().sign()).cookie("dub_id", "clk_\u00e9"), "{\"clickId\":\"clk_body\"}")
                .post(PATH)
                .then().statusCode(200)
                .body("status", equalTo("tracked"))
                .body("clickId", equalTo("clk_body"))
                .header("Set-Cookie", startsWith(CLEARED_COOKIE));
    }

    @Test
    void bodyOver16KbGets413() {
        Requests.jsonBody(withBearer(session().sign()), "{\"clickId\":\"clk_1\",\"pad\":\"" + "x".repeat(17_000) + "\"}")
                .post(PATH)
                .then().statusCode(413)
                .body("ok", equalTo(false))
                .body("error.code", equalTo("payload_too_large"));
        assertNoUpstreamCall();
    }

    @Test
    void bodyThatIsNotJsonGets415() {
        withBearer(session().sign()).contentType(ContentType.TEXT).body("clickId=clk_1")
                .post(PATH)
                .then().statusCode(415)
                .body("ok", equalTo(false))
                .body("error.code", equalTo("unsupported_media_type"));
        assertNoUpstreamCall();
    }

    @Test
    void clickIdOf128AllowedCharactersIsAccepted() {
        String clickId = "Ab9_-".repeat(25) + "xyz";
        Requests.jsonBody(withBearer(session().sign()), "{\"clickId\":\"" + clickId + "\"}")
                .post(PATH)
                .then().statusCode(200)
                .body("status", equalTo("tracked"))
                .body("clickId", equalTo(clickId));
    }

    @Test
    void emptyJsonObjectOrEmptyBodyMeansNoClick() {
        for (String body : List.of("{}", "", "{\"clickId\":null,\"other\":1}")) {
            Fakes.clerk().givenUser(ClerkUser.named(USER_ID)); // unmarked again: Clerk keeps what each call records
            Requests.jsonBody(withBearer(session().sign()), body).post(PATH)
                    .then().statusCode(200).body("status", equalTo("no_click"));
        }
    }

    @Test
    void onlyPostIsAllowed() {
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + session().sign())
                .get(PATH).then().statusCode(405).body("ok", equalTo(false));
        assertNoUpstreamCall();
    }

    private static void assertNoUpstreamCall() {
        assertEquals(0, Fakes.clerk().requestCount(), "no Clerk call");
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size(), "no Dub call");
    }
}
