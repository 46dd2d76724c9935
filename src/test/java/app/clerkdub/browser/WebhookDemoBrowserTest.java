package app.clerkdub.browser;

import static app.clerkdub.browser.SandboxProfile.LOCAL_ORIGIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import app.clerkdub.fakes.ServiceLog;
import app.clerkdub.sandbox.DubSales;
import app.clerkdub.sandbox.DubSandbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The demo page's webhook path in a real browser: Dub link, sign-up with the click in its unsafe metadata,
 * the lead tracked from Clerk's user.created alone (the SPA never calls the endpoint), then a payment whose
 * paymentAttempt.updated becomes a sale at Dub, shown on the page.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
class WebhookDemoBrowserTest extends BrowserTest {
    @Inject
    DubSandbox dub;

    @Inject
    DubSales sales;

    @Test
    void clickSignUpAndPayEndWithALeadAndASaleWithoutTheSpaCall() {
        var driver = browser.driver();
        driver.get(LOCAL_ORIGIN + "/");
        driver.findElement(By.id("arrive")).click();
        browser.waiting().until(page -> browser.dubIdCookie() != null);
        String clickId = browser.dubIdCookie();
        browser.waiting().until(textToBePresentInElementLocated(By.id("cookie"), clickId));

        driver.findElement(By.id("signup")).click();
        browser.waiting().until(textToBePresentInElementLocated(By.id("user"), "user_"));
        String userId = driver.findElement(By.id("user")).getText();
        browser.waiting().until(textToBePresentInElementLocated(By.id("webhook"), "\"result\": \"tracked\""));
        browser.waiting().until(textToBePresentInElementLocated(By.id("leads"), clickId));
        browser.waiting().until(textToBePresentInElementLocated(By.id("metadata"), "\"dubClickId\": \"" + clickId + "\""));
        assertEquals("", driver.findElement(By.id("answer")).getText(), "the SPA did not call the endpoint");
        assertEquals(0, ServiceLog.count("track-lead ", "user=" + userId), "no request to /api/track-lead");
        assertTrue(dub.leads().stream().anyMatch(lead -> lead.clickId().equals(clickId)
                && lead.customer().externalId().equals(userId)), "Dub recorded the lead for the new user");

        driver.findElement(By.id("pay")).click();
        browser.waiting().until(textToBePresentInElementLocated(By.id("payment"), "\"result\": \"sale_recorded\""));
        browser.waiting().until(textToBePresentInElementLocated(By.id("sales"), userId));
        assertTrue(sales.sales().stream().anyMatch(sale -> sale.customerExternalId().equals(userId)
                && sale.amount() == 2200 && sale.currency().equals("usd") && sale.invoiceId().startsWith("pa_")),
                "Dub recorded the sale for the user's payment");

        // The user's organization pays: its sale is credited to the creator's lead (a second sale for the user).
        driver.findElement(By.id("pay-org")).click();
        browser.waiting().until(textToBePresentInElementLocated(By.id("org-payment"), "\"result\": \"sale_recorded\""));
        // Both deliveries are shown: the organization's creation, then its payment.
        String orgPayment = driver.findElement(By.id("org-payment")).getText();
        assertTrue(orgPayment.indexOf("\"type\": \"organization.created\"") >= 0
                && orgPayment.indexOf("\"type\": \"organization.created\"")
                        < orgPayment.indexOf("\"type\": \"paymentAttempt.updated\""), orgPayment);
        browser.waiting().until(page -> sales.sales().stream()
                .filter(sale -> sale.customerExternalId().equals(userId)).count() == 2);
        assertTrue(ServiceLog.count("webhook organization.created 200 not_qualifying ") >= 1,
                "organization.created reached the service");
    }
}
