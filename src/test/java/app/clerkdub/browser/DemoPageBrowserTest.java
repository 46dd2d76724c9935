package app.clerkdub.browser;

import static app.clerkdub.browser.SandboxProfile.LOCAL_ORIGIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import app.clerkdub.sandbox.DubSandbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A newcomer's click-through of the demo page at /: Dub link, sign-up, lead, then already_tracked: the SPA's
 * path, with the click kept out of the sign-up (WebhookDemoBrowserTest walks the webhook's).
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
class DemoPageBrowserTest extends BrowserTest {
    @Inject
    DubSandbox dub;

    @Test
    void theDemoFlowEndsWithARecordedLead() {
        var driver = browser.driver();
        driver.get(LOCAL_ORIGIN + "/");
        driver.findElement(By.id("arrive")).click();
        browser.waiting().until(page -> browser.dubIdCookie() != null);
        String clickId = browser.dubIdCookie();
        assertTrue(driver.getCurrentUrl().endsWith("/?dub_id=" + clickId), driver.getCurrentUrl());
        browser.waiting().until(textToBePresentInElementLocated(By.id("cookie"), clickId));

        driver.findElement(By.id("pass-click")).click();
        driver.findElement(By.id("signup")).click();
        browser.waiting().until(textToBePresentInElementLocated(By.id("user"), "user_"));
        browser.waiting().until(textToBePresentInElementLocated(By.id("webhook"), "\"result\": \"no_click\""));
        String userId = driver.findElement(By.id("user")).getText();

        driver.findElement(By.id("track")).click();
        browser.waiting().until(textToBePresentInElementLocated(By.id("answer"), "\"status\": \"tracked\""));
        browser.waiting().until(textToBePresentInElementLocated(By.id("leads"), clickId));
        browser.waiting().until(textToBePresentInElementLocated(By.id("metadata"), "\"dubClickId\": \"" + clickId + "\""));
        assertEquals("(none)", driver.findElement(By.id("cookie")).getText(), "the service cleared dub_id");
        assertTrue(dub.leads().stream().anyMatch(lead -> lead.clickId().equals(clickId)
                && lead.customer().externalId().equals(userId)
                && lead.customer().name().equals("Ada Lovelace")), "Dub recorded the lead for the new user");

        driver.findElement(By.id("track")).click();
        browser.waiting().until(textToBePresentInElementLocated(By.id("answer"), "\"status\": \"already_tracked\""));
    }
}
