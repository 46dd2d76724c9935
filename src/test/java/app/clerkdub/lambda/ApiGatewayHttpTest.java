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
import app.clerkdub.lambda.ApiGatewayEvent.Answer;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The HTTP surface through API Gateway (payload format 2.0): CORS as on the container, the same JSON errors for
 * an oversized body and bad JSON, the headers every answer carries, and the caller's address taken from the
 * event's {@code requestContext.http.sourceIp}, never from a header the caller writes.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
class ApiGatewayHttpTest {

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
    }

    @Test
    void preflightFromAnAllowedOriginIsAnsweredByTheFunction() {
        Answer answer = ApiGatewayEvent.options(PATH).header("origin", ALLOWED_ORIGIN)
                .header("access-control-request-method", "POST")
                .header("access-control-request-headers", "authorization,content-type").send();
        assertEquals(200, answer.status(), answer.event().toString());
        assertEquals(ALLOWED_ORIGIN, answer.header("access-control-allow-origin"));
        String allowed = answer.header("access-control-allow-headers");
        assertTrue(allowed.contains("Authorization") && allowed.contains("Content-Type"), allowed);
        assertTrue(answer.header("access-control-allow-methods").contains("POST"));
    }

    @Test
    void otherOriginsGetNoCorsHeadersAndTheirPostIsRefused() {
        Answer preflight = ApiGatewayEvent.options(PATH).header("origin", "https://evil.example.com")
                .header("access-control-request-method", "POST").send();
        assertNull(preflight.header("access-control-allow-origin"));
        Answer post = ApiGatewayEvent.post(PATH).header("origin", "https://evil.example.com")
                .header("authorization", "Bearer " + session().sign()).send();
        assertEquals(403, post.status());
        assertEquals(0, Fakes.clerk().requestCount(), "no Clerk call");
    }

    @Test
    void bodyOverTheLimitGetsTheJson413() {
        Answer answer = ApiGatewayEvent.post(PATH).header("origin", ALLOWED_ORIGIN)
                .header("authorization", "Bearer " + session().sign())
                .json("{\"clickId\":\"clk_1\",\"pad\":\"" + "x".repeat(17_000) + "\"}").send();
        assertEquals(413, answer.status());
        assertEquals("payload_too_large", answer.body().path("error").path("code").asText());
        assertEquals(0, Fakes.clerk().requestCount(), "no Clerk call");
    }

    @Test
    void badJsonGetsTheJson400() {
        Answer answer = ApiGatewayEvent.post(PATH).header("origin", ALLOWED_ORIGIN)
                .header("authorization", "Bearer " + session().sign()).json("{\"clickId\":").send();
        assertEquals(400, answer.status());
        assertTrue(answer.header("content-type").startsWith("application/json"));
        assertEquals("invalid_json", answer.body().path("error").path("code").asText());
    }

    @Test
    void everyAnswerForbidsCachingAndSniffing() {
        for (Answer answer : List.of(ApiGatewayEvent.post(PATH).send(),
                ApiGatewayEvent.post(PATH).header("authorization", "Bearer " + session().sign()).send())) {
            assertEquals("no-store", answer.header("cache-control"), answer.event().toString());
            assertEquals("nosniff", answer.header("x-content-type-options"));
        }
    }

    @Test
    void theClientAddressIsTheEventsSourceIpNotAForwardedHeader() {
        Answer answer = ApiGatewayEvent.get("/_test/client-address").sourceIp("198.51.100.23")
                .header("x-forwarded-for", "192.0.2.1, 198.51.100.23").header("forwarded", "for=192.0.2.1")
                .header("x-real-ip", "192.0.2.1").send();
        assertEquals(200, answer.status(), answer.event().toString());
        assertEquals("198.51.100.23", answer.text());
    }
}
