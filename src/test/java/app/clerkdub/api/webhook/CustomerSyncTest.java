package app.clerkdub.api.webhook;

import static app.clerkdub.fakes.ClerkWebhooks.deliver;
import static app.clerkdub.fakes.ClerkWebhooks.example;
import static app.clerkdub.fakes.ClerkWebhooks.newMessageId;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import app.clerkdub.fakes.Customers;
import app.clerkdub.fakes.DubFake;
import app.clerkdub.fakes.DubSpecCheck;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.Requests;
import app.clerkdub.fakes.ServiceLog;
import app.clerkdub.fakes.SessionTokens;
import app.clerkdub.sandbox.ClerkUser;
import app.clerkdub.sandbox.DubCustomer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The Dub customer follows the Clerk user, end to end: each user signs up through a Dub link (a signed
 * {@code user.created}, so that simulated Dub holds their customer and simulated Clerk the fingerprint of what Dub was
 * sent), then Clerk's {@code user.deleted} and {@code user.updated}, signed as Svix signs them, reach Dub's
 * {@code DELETE} and {@code PATCH /customers/ext_<user id>} (checked against Dub's spec), or cost nothing.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
@ExtendWith(DubSpecCheck.class)
class CustomerSyncTest {
    private static final AtomicInteger USERS = new AtomicInteger();

    /** A user of each test's own: an erased user stays erased for the rest of the run. */
    private String user;

    @BeforeEach
    void newUser() {
        Fakes.reset();
        user = USER_ID + "_c" + USERS.incrementAndGet();
    }

    @Test
    void aDeletedUsersCustomerIsErasedOnceAcrossRedeliveries() {
        signUp();
        assertEquals(1, customers().size(), "Dub holds the customer");
        Fakes.clerk().deleteUser(user);

        ObjectNode deleted = userDeleted();
        String messageId = newMessageId();
        deliver(deleted, messageId).then().statusCode(200)
                .body("event", equalTo("user.deleted")).body("result", equalTo("erased"));
        ServiceLog.awaitLine("webhook user.deleted 200 erased id=" + messageId + " user=" + user + " ",
                " dub_delete_customer=");
        assertEquals(List.of(), customers(), "Dub holds nothing of the user");
        assertEquals("/customers/ext_" + user, Fakes.dub().customerDeletions().get(0).getUrl());

        // Svix again: Dub answers 404 for the customer it no longer has, which is done too.
        deliver(deleted, messageId).then().statusCode(200).body("result", equalTo("unknown_customer"));
        deliver(deleted, messageId).then().statusCode(200).body("result", equalTo("unknown_customer"));
        assertEquals(3, Fakes.dub().customerDeletions().size());
        assertEquals(1, Fakes.dub().leads().size(), "nothing made the customer again");
    }

    @Test
    void aUserDubNeverHeldIsDoneAt404() {
        deliver(userDeleted(), newMessageId()).then().statusCode(200).body("result", equalTo("unknown_customer"));
        assertEquals(1, Fakes.dub().customerDeletions().size());
        assertEquals(0, Fakes.clerk().requestCount(), "a deleted user is not read from Clerk");
    }

    @Test
    void dubDownOrRefusingIsRetriedBySvixUntilTheCustomerIsErased() {
        signUp();
        ObjectNode deleted = userDeleted();
        String messageId = newMessageId();

        Fakes.dub().givenCustomerDeleteAnswer(DubFake.error(500, "internal_server_error", "Dub is down"));
        deliver(deleted, messageId).then().statusCode(502).body("error.code", equalTo("dub_unavailable"));
        assertEquals(3, Fakes.dub().customerDeletions().size(), "the first try and two retries");

        // Dub's own pause is longer than a delivery may wait: Svix is told to come again.
        Fakes.dub().givenCustomerDeleteAnswer(DubFake.rateLimited(System.currentTimeMillis() + 60_000));
        deliver(deleted, messageId).then().statusCode(502).body("error.code", equalTo("dub_unavailable"));

        Fakes.dub().givenCustomerDeleteAnswer(DubFake.error(401, "unauthorized", "Unauthorized: Invalid API key."));
        deliver(deleted, messageId).then().statusCode(502);
        assertEquals(1, customers().size(), "not erased yet");

        Fakes.dub().givenCustomersAnsweredAsDub();
        deliver(deleted, messageId).then().statusCode(200).body("result", equalTo("erased"));
        assertEquals(List.of(), customers());
    }

    @Test
    void aDeletedUsersLateSignUpSendsNothing() {
        Fakes.clerk().givenUser(ClerkUser.named(user)); // Clerk still answers for the user a moment after
        deliver(userDeleted(), newMessageId()).then().statusCode(200).body("result", equalTo("unknown_customer"));

        deliver(userCreated(Fakes.simulation().click()), newMessageId()).then().statusCode(200)
                .body("result", equalTo("user_not_found"));
        Requests.withBearer(SessionTokens.session().subject(user).sign()).cookie("dub_id", Fakes.simulation().click())
                .post(Requests.PATH).then().statusCode(404).body("error.code", equalTo("user_not_found"));
        assertEquals(0, Fakes.dub().leads().size());
        assertEquals(List.of(), customers());
    }

    @Test
    void aDeletionDuringTheSignUpLeavesNoCustomerBehind() {
        // The sign-up has read the user from Clerk and is about to send the lead when the deletion arrives.
        Fakes.clerk().givenUserAnsweringSlowly(ClerkUser.named(user), 700);
        CompletableFuture<Response> signUp = CompletableFuture.supplyAsync(
                () -> deliver(userCreated(Fakes.simulation().click()), newMessageId()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Fakes.clerk().userReads().isEmpty());
        Fakes.clerk().deleteUser(user);

        deliver(userDeleted(), newMessageId()).then().statusCode(200);
        assertEquals(200, signUp.join().statusCode());
        assertEquals(List.of(), customers(), "no lead made the customer again after its deletion");
    }

    @Test
    void aChangedEmailReachesDubOnceAndTheEventsItCausesCostNothing() throws Exception {
        signUp();
        ClerkUser changed = Fakes.simulation().user(user).orElseThrow().withEmail("ada.king@example.com");
        Fakes.clerk().givenUser(changed);
        ObjectNode update = userUpdated(changed);
        String messageId = newMessageId();

        deliver(update, messageId).then().statusCode(200)
                .body("event", equalTo("user.updated")).body("result", equalTo("updated"));
        List<LoggedRequest> patches = Fakes.dub().customerUpdates();
        assertEquals(1, patches.size());
        assertEquals("/customers/ext_" + user, patches.get(0).getUrl());
        assertEquals(ClerkWebhookTest.JSON.readTree("{\"name\":\"Ada Lovelace\",\"email\":\"ada.king@example.com\","
                + "\"avatar\":\"https://img.clerk.com/ada.png\"}"), ClerkWebhookTest.JSON.readTree(patches.get(0).getBodyAsString()));
        assertEquals("ada.king@example.com", customers().get(0).email());
        String line = ServiceLog.awaitLine("webhook user.updated 200 updated id=" + messageId + " user=" + user + " ",
                " dub_update_customer=");
        assertFalse(line.contains("ada.king") || line.contains("Lovelace"), "no email or name in the log: " + line);

        // Clerk's user.updated for the fingerprint the service wrote, and Svix's redelivery of the change.
        Fakes.clerk().server().resetRequests();
        ClerkUser recorded = Fakes.simulation().user(user).orElseThrow();
        assertEquals(Customers.of(recorded).fingerprint(), recorded.privateMetadata().get("dubCustomer"));
        deliver(userUpdated(recorded), newMessageId()).then().statusCode(200).body("result", equalTo("unchanged"));
        assertEquals(0, Fakes.clerk().requestCount(), "the event itself shows that Dub holds the current values");
        deliver(update, messageId).then().statusCode(200).body("result", equalTo("unchanged"));
        assertEquals(1, Fakes.dub().customerUpdates().size(), "one PATCH in all");
    }

    @Test
    void aChangeOfNameIsSentAsTheLeadSendsIt() throws Exception {
        signUp();
        ClerkUser renamed = Fakes.simulation().user(user).orElseThrow().withNames(null, null, "countess");
        Fakes.clerk().givenUser(renamed);
        deliver(userUpdated(renamed), newMessageId()).then().statusCode(200).body("result", equalTo("updated"));
        JsonNode sent = ClerkWebhookTest.JSON.readTree(Fakes.dub().customerUpdates().get(0).getBodyAsString());
        assertEquals("countess", sent.get("name").asText(), "the username, where there is no first or last name");
        assertEquals("countess", customers().get(0).name());
    }

    @Test
    void theSignUpsOwnMetadataWriteAndUnchangedUpdatesCostNoCall() {
        signUp();
        ClerkUser now = Fakes.simulation().user(user).orElseThrow();
        Fakes.clerk().server().resetRequests();
        // The event of the sign-up's write, then one that changes what Dub does not hold (public metadata).
        deliver(userUpdated(now), newMessageId()).then().statusCode(200).body("result", equalTo("unchanged"));
        deliver(userUpdated(now.withMetadata(Map.of("plan", "pro", "dubClickId", now.publicMetadata().get("dubClickId")))),
                newMessageId()).then().statusCode(200).body("result", equalTo("unchanged"));
        assertEquals(0, Fakes.clerk().requestCount());
        assertEquals(0, Fakes.dub().customerUpdates().size());
    }

    @Test
    void usersDubHoldsNothingOfCostNoCall() {
        ClerkUser untracked = ClerkUser.named(user);
        ClerkUser noClick = ClerkUser.named(user).withMetadata(Map.of("dubClickId", "n/a"));
        deliver(userUpdated(untracked), newMessageId()).then().statusCode(200).body("result", equalTo("unknown_customer"));
        deliver(userUpdated(noClick), newMessageId()).then().statusCode(200).body("result", equalTo("unknown_customer"));
        assertEquals(0, Fakes.clerk().requestCount());
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size());
    }

    @Test
    void aCustomerDubLostIsRecordedSoThatTheNextEventIsFree() {
        signUp();
        ClerkUser changed = Fakes.simulation().user(user).orElseThrow().withEmail("ada.king@example.com");
        Fakes.clerk().givenUser(changed);
        Fakes.dub().givenCustomerUpdateAnswer(DubFake.customerNotFound());
        deliver(userUpdated(changed), newMessageId()).then().statusCode(200).body("result", equalTo("unknown_customer"));
        Fakes.clerk().server().resetRequests();
        deliver(userUpdated(Fakes.simulation().user(user).orElseThrow()), newMessageId()).then().statusCode(200)
                .body("result", equalTo("unchanged"));
        assertEquals(0, Fakes.clerk().requestCount());
        assertEquals(1, Fakes.dub().customerUpdates().size());
    }

    @Test
    void dubDownFailsTheUpdateAndRecordsNothingThenTheRetryUpdates() {
        signUp();
        ClerkUser changed = Fakes.simulation().user(user).orElseThrow().withEmail("ada.king@example.com");
        Fakes.clerk().givenUser(changed);
        ObjectNode update = userUpdated(changed);
        String messageId = newMessageId();
        Fakes.dub().givenCustomerUpdateAnswer(DubFake.rateLimited(System.currentTimeMillis() + 60_000));
        deliver(update, messageId).then().statusCode(502).body("error.code", equalTo("dub_unavailable"));
        int written = Fakes.clerk().metadataUpdates().size();

        assertEquals(1, written, "the sign-up's mark only: a failed update records nothing");

        Fakes.dub().givenCustomersAnsweredAsDub();
        deliver(update, messageId).then().statusCode(200).body("result", equalTo("updated"));
        assertEquals("ada.king@example.com", customers().get(0).email());
    }

    @Test
    void outcomesAreCounted() {
        deliver(userDeleted(), newMessageId()).then().statusCode(200);
        deliver(userUpdated(ClerkUser.named(user)), newMessageId()).then().statusCode(200);
        Requests.management().get("/metrics").then().statusCode(200)
                .body(containsString("webhooks_outcomes_total{event=\"user.deleted\",result=\"unknown_customer\"}"))
                .body(containsString("webhooks_outcomes_total{event=\"user.updated\",result=\"unknown_customer\"}"));
    }

    @Test
    void aDeletionWithoutAUserIdIsDoneAndSendsNothing() {
        ObjectNode anonymous = userDeleted();
        ((ObjectNode) anonymous.get("data")).remove("id");
        deliver(anonymous, newMessageId()).then().statusCode(200).body("result", equalTo("invalid_payload"));
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size());
    }

    /** The user signs up through a Dub link: Dub holds their customer, Clerk their mark and fingerprint. */
    private void signUp() {
        if (Fakes.simulation().user(user).isEmpty()) {
            Fakes.clerk().givenUser(ClerkUser.named(user));
        }
        deliver(userCreated(Fakes.simulation().click()), newMessageId()).then().statusCode(200)
                .body("result", equalTo("tracked"));
        assertTrue(Fakes.simulation().user(user).orElseThrow().privateMetadata().containsKey("dubCustomer"));
    }

    private ObjectNode userCreated(String click) {
        ObjectNode event = ClerkWebhookTest.userCreated(click);
        ((ObjectNode) event.get("data")).put("id", user);
        return event;
    }

    /** {@code user.deleted} from Clerk's spec for this test's user. */
    private ObjectNode userDeleted() {
        ObjectNode event = example("user.deleted");
        ((ObjectNode) event.get("data")).put("id", user);
        return event;
    }

    /** {@code user.updated} from Clerk's spec, carrying the user as Clerk holds it (the same object as the Backend API's). */
    private static ObjectNode userUpdated(ClerkUser now) {
        ObjectNode event = example("user.updated");
        event.set("data", ClerkWebhookTest.JSON.valueToTree(now.fields()));
        return event;
    }

    private static List<DubCustomer> customers() {
        return Fakes.simulation().customers();
    }
}
