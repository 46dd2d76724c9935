package app.clerkdub;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.management;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.ClerkFake;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.ServiceLog;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Headers;

/**
 * Health, metrics and the OpenAPI document on the management interface (and not on the public port),
 * CORS and the headers every public response carries.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
class OperationsTest {

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
    }

    @Test
    void liveAndReadyOnceTheTokenKeysLoad() {
        management().get("/health/live").then().statusCode(200).body("status", equalTo("UP"));
        management().get("/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Clerk session-token keys"));
    }

    @Test
    void aSecretKeyThatClerkRefusesMakesItNotReadyNamingTheSetting() {
        Fakes.clerk().server().stubFor(get(urlPathEqualTo(ClerkFake.KEY_CHECK_PATH)).willReturn(
                ClerkFake.error(401, "authentication_invalid", "The provided secret key is invalid")));
        String key = "checks.find { it.name == 'Clerk secret key' }";
        management().get("/health/ready").then().statusCode(503)
                .body(key + ".status", equalTo("DOWN"))
                .body(key + ".data.reason", containsString("CLERK_SECRET_KEY is refused by Clerk's Backend API (HTTP 401)"))
                .body(not(containsString(ClerkFake.SECRET_KEY)));
    }

    @Test
    void metricsCountOutcomesAndTimeUpstreamCalls() {
        withBearer(session().sign()).post(PATH).then().statusCode(200).body("status", equalTo("no_click"));
        management().get("/metrics").then().statusCode(200)
                .body(containsString("leads_outcomes_total{outcome=\"no_click\"}"))
                .body(containsString("upstream_calls_seconds_count{operation=\"get_user\",result=\"ok\",upstream=\"clerk\"}"))
                .body(containsString("upstream_calls_seconds_count{operation=\"update_metadata\",result=\"ok\",upstream=\"clerk\"}"));
    }

    @Test
    void openApiDescribesTheEndpointItsBodyAndEveryStatus() {
        management().accept("application/json").get("/openapi").then().statusCode(200)
                .body("paths.'/api/track-lead'.post.requestBody.content.'application/json'.schema.'$ref'",
                        containsString("TrackLeadBody"))
                .body("paths.'/api/track-lead'.post.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("200", "400", "401", "403", "404", "413", "415", "502", "503", "504"))
                .body("components.schemas.ApiError", notNullValue());
    }

    @Test
    void everyResponseForbidsCachingAndSniffing() {
        withBearer(session().sign()).post(PATH).then().statusCode(200)
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
        given().post(PATH).then().statusCode(401)
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
        given().get("/nowhere").then().statusCode(404)
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void thePublicPortServesNoOperationsEndpoint() {
        for (String path : new String[] { "/q/health", "/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi" }) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void corsPreflightAllowsExactlyTheConfiguredOrigins() {
        Headers preflight = given().header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options(PATH).then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.example.com")
                .extract().headers();
        // One header line or several (a proxy may split it at its commas): the same list to a browser.
        String allowed = String.join(",", preflight.getValues("Access-Control-Allow-Headers"));
        assertTrue(allowed.contains("Authorization"), allowed);
        assertTrue(allowed.contains("Content-Type"), allowed);
        given().header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "POST")
                .options(PATH).then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void requestsThatAreNotCallsOfTheEndpointAreNeitherCountedNorLogged() {
        given().get("/favicon.ico").then().statusCode(404);
        given().post("/api/track-leads").then().statusCode(404);
        management().get("/metrics").then().statusCode(200)
                .body(not(containsString("leads_outcomes_total{outcome=\"not_found\"}")));
        assertEquals(0, ServiceLog.count("track-lead 404 not_found"), "no lead-outcome line for a stray path");
    }

    @Test
    void corsRefusalIsLoggedWithTheRefusedOrigin() {
        String origin = "https://refused" + System.nanoTime() + ".example.com";
        given().header("Origin", origin).post(PATH).then().statusCode(403);
        ServiceLog.awaitLine("cors 403 POST " + PATH, "origin=" + origin);
    }
}
