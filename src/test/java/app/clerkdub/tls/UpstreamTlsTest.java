package app.clerkdub.tls;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.management;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import app.clerkdub.fakes.ClerkFake;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Clerk and Dub are reached over HTTPS in production, so the lead flow is checked against fakes that speak
 * HTTPS only, with a certificate made at test start that the service trusts through configuration (the TLS
 * registry, as an operator would trust a private CA). {@link UpstreamTlsIT} runs the same checks on the
 * packaged artifact: on a native binary they show that its TLS stack and the https URL handling made it in.
 */
@QuarkusTest
@WithTestResource(value = Fakes.class, initArgs = @ResourceArg(name = Fakes.TLS, value = Fakes.HTTPS))
class UpstreamTlsTest {
    static final String CLICK = "clk_1JX8Z3MQWV0GX4Y2";

    @BeforeEach
    void resetFakes() {
        assertEquals(Fakes.Tls.TRUSTED, Fakes.tls());
        Fakes.reset();
    }

    @Test
    void leadIsTrackedThroughClerkAndDubOverHttps() {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenLeadTracked();

        // The token is verified with keys fetched from the issuer, which answers over HTTPS only.
        assertTrue(Fakes.clerkFrontendUrl().startsWith("https://localhost:"), Fakes.clerkFrontendUrl());
        withBearer(session().sign())
                .cookie("dub_id", CLICK)
                .post(PATH)
                .then().statusCode(200)
                .body("ok", equalTo(true))
                .body("status", equalTo("tracked"))
                .body("clickId", equalTo(CLICK));

        assertEquals(1, Fakes.clerk().userReads().size());
        assertEquals(1, Fakes.dub().leads().size());
        assertEquals(1, Fakes.clerk().metadataUpdates().size());
        List<ServeEvent> calls = new ArrayList<>(Fakes.clerk().server().getAllServeEvents());
        calls.addAll(Fakes.dub().server().getAllServeEvents());
        assertAllOverHttps(calls, Fakes.clerk().server(), Fakes.dub().server());
        // The service's check of its secret key, over HTTPS too, may land here; it is no call of the lead.
        assertEquals(3, calls.stream()
                .filter(call -> !call.getRequest().getUrl().startsWith(ClerkFake.KEY_CHECK_PATH)).count());
    }

    @Test
    void readinessLoadsTheTokenKeysOverHttps() {
        management().get("/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        // Remembered for a minute after a good answer, so a fetch is seen only if none came before.
        assertAllOverHttps(Fakes.clerkFrontend().getAllServeEvents(), Fakes.clerkFrontend());
    }

    static void assertAllOverHttps(List<ServeEvent> events, WireMockServer... servers) {
        for (WireMockServer server : servers) {
            assertTrue(server.getOptions().getHttpDisabled(), "the fake has no plain HTTP port");
        }
        for (ServeEvent event : events) {
            String url = event.getRequest().getAbsoluteUrl();
            assertTrue(url.startsWith("https://localhost:"), url);
            assertTrue(event.getWasMatched(), "answered by a stub: " + url);
        }
    }
}
