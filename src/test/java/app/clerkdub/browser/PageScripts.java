package app.clerkdub.browser;

import java.net.URI;

/** What the browser tests do in pages, as an SPA would. */
final class PageScripts {
    private PageScripts() {
    }

    /** Signs up a sandbox user from this page (so azp is its origin); returns the sign-up answer. */
    static final String SIGN_UP = """
            const answer = await fetch('/_sandbox/clerk/sign-ups', { method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' }) });
            if (!answer.ok) throw new Error('sign-up answered ' + answer.status);
            const signedUp = await answer.json();
            """;

    /** Imports the SPA client module the way a page does. */
    static final String IMPORT_CLIENT = """
            const { trackLead } = await import(location.origin + '/_sandbox/track-lead.js');
            """;

    /** Visits the sandbox short link from {@code origin}: Dub redirects back with ?dub_id=, the demo page stores it. */
    static String arriveThroughDubLink(Browser browser, String origin) {
        browser.driver().get(origin + "/_sandbox/dub-links/launch");
        browser.waiting().until(driver -> driver.getCurrentUrl().contains("dub_id="));
        String query = URI.create(browser.driver().getCurrentUrl()).getQuery();
        String clickId = query.substring(query.indexOf("dub_id=") + "dub_id=".length());
        browser.waiting().until(driver -> clickId.equals(browser.dubIdCookie()));
        return clickId;
    }
}
