package app.clerkdub.lead;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AlreadyTrackedShortcutRulesTest {
    @Test
    void onlyClickCookiesSentAsTheEndpointAcceptsThemAreJudgedHere() {
        assertTrue(AlreadyTrackedShortcut.clickCookiesAreValid(List.of()));
        assertTrue(AlreadyTrackedShortcut.clickCookiesAreValid(List.of("a=1; dub_id=clk_1", "b=2")));
        assertTrue(AlreadyTrackedShortcut.clickCookiesAreValid(List.of("not_dub_id=x y")));
        assertFalse(AlreadyTrackedShortcut.clickCookiesAreValid(List.of("dub_id=\"clk_1\"")));
        assertFalse(AlreadyTrackedShortcut.clickCookiesAreValid(List.of("a=1", "dub_id=clk_1; dub_id=")));
    }

    @Test
    void acceptHeadersThatAllowJsonAreRecognised() {
        assertTrue(AlreadyTrackedShortcut.acceptsJson(null));
        assertTrue(AlreadyTrackedShortcut.acceptsJson("*/*"));
        assertTrue(AlreadyTrackedShortcut.acceptsJson("text/html, application/json;q=0.9"));
        assertTrue(AlreadyTrackedShortcut.acceptsJson("application/*"));
        assertFalse(AlreadyTrackedShortcut.acceptsJson("text/html"));
        assertFalse(AlreadyTrackedShortcut.acceptsJson("application/json;q=0"));
        assertFalse(AlreadyTrackedShortcut.acceptsJson("application/xml"));
    }

}
