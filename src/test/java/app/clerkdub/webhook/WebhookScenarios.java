package app.clerkdub.webhook;

import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import app.clerkdub.fakes.ClerkFake;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.sandbox.ClerkUser;

/** Clerk fakes that remember: a user whose record carries the click once the service has recorded it. */
final class WebhookScenarios {
    private static final String SCENARIO = "user marked";
    private static final String MARKED = "marked";

    private WebhookScenarios() {
    }

    /** The test user, new; the first metadata update records {@code clickId}, and later reads show it. */
    static void givenUserMarkedByTheFirstUpdate(String clickId) {
        ClerkUser fresh = ClerkUser.named(USER_ID);
        ClerkUser marked = fresh.withMetadata(Map.of("dubClickId", clickId));
        var clerk = Fakes.clerk().server();
        clerk.stubFor(get(urlPathEqualTo(ClerkFake.usersPath(USER_ID))).inScenario(SCENARIO)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(json(fresh)));
        clerk.stubFor(patch(urlPathEqualTo(ClerkFake.metadataPath(USER_ID))).inScenario(SCENARIO)
                .willSetStateTo(MARKED).willReturn(json(marked)));
        clerk.stubFor(get(urlPathEqualTo(ClerkFake.usersPath(USER_ID))).inScenario(SCENARIO)
                .whenScenarioStateIs(MARKED).willReturn(json(marked)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(ClerkUser user) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(user.toJson());
    }
}
