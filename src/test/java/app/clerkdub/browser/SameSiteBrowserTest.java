package app.clerkdub.browser;

import static app.clerkdub.browser.PageScripts.IMPORT_CLIENT;
import static app.clerkdub.browser.PageScripts.SIGN_UP;
import static app.clerkdub.browser.PageScripts.arriveThroughDubLink;
import static app.clerkdub.browser.SandboxProfile.APP_ORIGIN;
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
 * The page and the API on the same host: no token and no body are sent; the browser carries the
 * {@code __session} cookie (as Clerk's script sets it) and {@code dub_id} (as Dub's sets it, Domain
 * .app.example.test), and the service's Set-Cookie, with that same Domain, removes dub_id.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
class SameSiteBrowserTest extends BrowserTest {
    static final String TRACK_WITH_COOKIES_ONLY = SIGN_UP + IMPORT_CLIENT + """
            document.cookie = '__session=' + signedUp.jwt + '; path=/; SameSite=Lax';
            const result = await trackLead({ endpoint: '/api/track-lead' });
            return { userId: signedUp.user.id, result, cookies: document.cookie };
            """;

    @Inject
    DubSandbox dub;

    @Test
    @SuppressWarnings("unchecked")
    void cookiesTravelByThemselvesAndTheServiceClearsDubId() {
        String clickId = arriveThroughDubLink(browser, APP_ORIGIN);

        Map<String, Object> outcome = browser.run(TRACK_WITH_COOKIES_ONLY);

        Map<String, Object> result = (Map<String, Object>) outcome.get("result");
        assertEquals(null, outcome.get("error"), browser.consoleLog());
        assertEquals(200L, result.get("httpStatus"), String.valueOf(result.get("body")));
        assertEquals("tracked", result.get("status"));
        assertEquals(clickId, ((Map<String, Object>) result.get("body")).get("clickId"));
        assertTrue(dub.leads().stream().anyMatch(lead -> lead.clickId().equals(clickId)
                && lead.customer().externalId().equals(outcome.get("userId"))), "Dub recorded the lead");
        assertNull(browser.dubIdCookie(), "document.cookie still has dub_id: " + outcome.get("cookies"));
        assertTrue(((String) outcome.get("cookies")).contains("__session="), "only dub_id is removed");
    }
}
