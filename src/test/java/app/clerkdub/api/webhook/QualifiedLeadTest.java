package app.clerkdub.api.webhook;

import static app.clerkdub.fakes.ClerkWebhooks.deliver;
import static app.clerkdub.fakes.ClerkWebhooks.example;
import static app.clerkdub.fakes.ClerkWebhooks.newMessageId;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import app.clerkdub.fakes.ClerkWebhooks;
import app.clerkdub.fakes.DubSpecCheck;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.Requests;
import app.clerkdub.fakes.TestProfiles;
import app.clerkdub.sandbox.ClerkOrganization;
import app.clerkdub.sandbox.ClerkUser;
import app.clerkdub.sandbox.RecordedLead;
import app.clerkdub.sandbox.WebhookSigner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Deferred mode end to end, against simulated Clerk and Dub behind the fakes (Dub's deferred mode, its dedup, its
 * 400 for a customer it does not have, its sales checked against the lead's event name): the sign-up stores the
 * click on the customer and records no lead; each qualifying event of Clerk's webhook spec, signed as Svix signs
 * it, records exactly one lead under the qualified event's name, credited to the sign-up's click. Deferred mode
 * changes what every sign-up sends: it is on in {@link TestProfiles.PemKey}, whose other tests send no lead.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
@TestProfile(TestProfiles.PemKey.class)
@ExtendWith(DubSpecCheck.class)
class QualifiedLeadTest {
    static final String QUALIFIED = "Qualified Lead";
    static final String ORGANIZATION = ClerkWebhookTest.ORGANIZATION;

    private static final AtomicInteger USERS = new AtomicInteger();

    /** A user of each test's own: the profile remembers tracked users ({@code FloodTest}'s bounds). */
    private String user;
    private String click;

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
        user = USER_ID + "_q" + USERS.incrementAndGet();
        Fakes.clerk().givenUser(ClerkUser.named(user));
        click = Fakes.simulation().click();
    }

    @Test
    void aDeferredSignUpThenDubQualifiedRecordsExactlyOneLeadWithTheSignUpsClick() throws Exception {
        deliver(signUp(click), newMessageId()).then().statusCode(200)
                .body("result", equalTo("tracked"));
        JsonNode deferred = ClerkWebhookTest.JSON.readTree(Fakes.dub().leads().get(0).getBodyAsString());
        assertEquals("deferred", deferred.get("mode").asText());
        assertEquals(click, deferred.get("clickId").asText());
        assertEquals(List.of(), Fakes.simulation().leads(), "no lead yet");
        assertEquals(1, Fakes.simulation().deferredCustomers().size(), "Dub holds the click on the customer");
        assertEquals(Map.of("dubClickId", click, "dubLead", "pending"), publicMetadata());

        ObjectNode qualified = userUpdated(Map.of("dubQualified", true));
        String messageId = newMessageId();
        deliver(qualified, messageId).then().statusCode(200)
                .body("event", equalTo("user.updated")).body("result", equalTo("qualified"));

        List<LoggedRequest> leads = Fakes.dub().leads();
        assertEquals(2, leads.size());
        JsonNode second = ClerkWebhookTest.JSON.readTree(leads.get(1).getBodyAsString());
        assertEquals("", second.get("clickId").asText(), "Dub takes the click stored on the customer");
        assertEquals(user, second.get("customerExternalId").asText());
        assertEquals(QUALIFIED, second.get("eventName").asText());
        assertFalse(second.has("mode"));
        List<RecordedLead> recorded = Fakes.simulation().leads();
        assertEquals(1, recorded.size());
        assertEquals(QUALIFIED, recorded.get(0).eventName());
        assertEquals(click, recorded.get(0).clickId());
        assertEquals("qualified", publicMetadata().get("dubLead"));

        // Svix again, and Clerk's own user.updated for the service's update: neither sends anything more.
        deliver(qualified, messageId).then().statusCode(200).body("result", equalTo("already_qualified"));
        deliver(userUpdated(Map.of()), newMessageId()).then().statusCode(200).body("result", equalTo("already_qualified"));
        assertEquals(2, Fakes.dub().leads().size());
        assertEquals(1, Fakes.simulation().leads().size());
    }

    @Test
    void forgedStaleAndReplayedQualificationsChangeNothing() {
        deliver(signUp(click), newMessageId()).then().statusCode(200);
        byte[] body = ClerkWebhooks.bytes(userUpdated(Map.of("dubQualified", true)));
        String id = newMessageId();
        long now = ClerkWebhooks.now();
        long stale = now - 6 * 60;
        deliver(body, id, now, WebhookSigner.signature(ClerkWebhooks.OTHER_SECRET, id, now, body))
                .then().statusCode(401).body("error.code", equalTo("invalid_signature"));
        deliver(body, id, stale, WebhookSigner.signature(ClerkWebhooks.SECRET, id, stale, body))
                .then().statusCode(401).body("error.code", equalTo("invalid_signature"));
        // A capture of a genuine delivery, sent again past the tolerance with its own signature.
        String signed = WebhookSigner.signature(ClerkWebhooks.SECRET, id, stale, body);
        deliver(body, id, stale, signed).then().statusCode(401);

        assertEquals(1, Fakes.dub().leads().size(), "the deferred call only");
        assertEquals(List.of(), Fakes.simulation().leads());
        assertEquals("pending", publicMetadata().get("dubLead"));
    }

    @Test
    void aPaidAttemptBeforeAnyOtherQualificationQualifiesThenSellsUnderTheQualifiedLead() throws Exception {
        deliver(signUp(click), newMessageId()).then().statusCode(200);
        ObjectNode payment = paid();
        String messageId = newMessageId();
        deliver(payment, messageId).then().statusCode(200).body("result", equalTo("sale_recorded"));

        List<LoggedRequest> leads = Fakes.dub().leads();
        assertEquals(2, leads.size(), "the deferred sign-up, then the qualified lead");
        assertEquals(QUALIFIED, ClerkWebhookTest.JSON.readTree(leads.get(1).getBodyAsString()).get("eventName").asText());
        List<LoggedRequest> sales = Fakes.dub().sales();
        assertEquals(1, sales.size());
        assertEquals(QUALIFIED, ClerkWebhookTest.JSON.readTree(sales.get(0).getBodyAsString()).get("leadEventName").asText());
        assertEquals(1, Fakes.simulation().leads().size());
        assertEquals(1, Fakes.simulation().sales().size(), "the sale found its lead");

        deliver(payment, messageId).then().statusCode(200).body("result", equalTo("sale_recorded"));
        assertEquals(2, Fakes.dub().leads().size(), "qualified once");
        assertEquals(1, Fakes.simulation().sales().size(), "one sale per payment attempt");
    }

    @Test
    void anOrganizationsPaidAttemptIsOneSaleForItsCreatorsCustomer() throws Exception {
        deliver(signUp(click), newMessageId()).then().statusCode(200);
        Fakes.clerk().givenOrganization(ClerkOrganization.createdBy(ORGANIZATION, user));
        ObjectNode created = example("organization.created");
        ((ObjectNode) created.get("data")).put("id", ORGANIZATION).put("created_by", user);
        deliver(created, newMessageId()).then().statusCode(200)
                .body("event", equalTo("organization.created")).body("result", equalTo("qualified"));

        ObjectNode paid = ClerkWebhookTest.organizationPaid(ORGANIZATION);
        String messageId = newMessageId();
        deliver(paid, messageId).then().statusCode(200).body("result", equalTo("sale_recorded"));
        deliver(paid, messageId).then().statusCode(200).body("result", equalTo("sale_recorded"));

        assertEquals(2, Fakes.dub().leads().size());
        assertEquals(1, Fakes.simulation().leads().size());
        assertEquals(1, Fakes.simulation().sales().size(), "one sale per payment attempt");
        assertEquals(user, Fakes.simulation().sales().get(0).customerExternalId());
    }

    @Test
    void aQualificationBeforeTheSignUpIsKeptAndTheSignUpSendsIt() {
        ObjectNode created = example("organization.created");
        ((ObjectNode) created.get("data")).put("created_by", user);
        deliver(created, newMessageId()).then().statusCode(200).body("result", equalTo("awaiting_sign_up"));
        assertEquals(0, Fakes.dub().leads().size(), "nothing to send before the click");
        assertEquals("qualified_first", publicMetadata().get("dubLead"));

        deliver(signUp(click), newMessageId()).then().statusCode(200)
                .body("result", equalTo("tracked"));
        assertEquals(2, Fakes.dub().leads().size(), "the deferred call, then the qualified lead");
        assertEquals(1, Fakes.simulation().leads().size());
        assertEquals(Map.of("dubClickId", click, "dubLead", "qualified"), publicMetadata());
    }

    @Test
    void aUserWithoutAClickCostsNoDubCall() {
        deliver(signUp(null), newMessageId()).then().statusCode(200)
                .body("result", equalTo("no_click"));
        Requests.withBearer(TestProfiles.PemKey.session().subject(user).sign()).post(Requests.PATH).then().statusCode(200)
                .body("status", equalTo("no_click"));
        deliver(userUpdated(Map.of("dubQualified", true)), newMessageId()).then().statusCode(200)
                .body("result", equalTo("no_lead"));
        deliver(paid(), newMessageId()).then().statusCode(200)
                .body("result", equalTo("not_attributed"));
        assertEquals(0, Fakes.dub().leads().size());
    }

    @Test
    void dubWithoutTheCustomerIsAnsweredOnceAndNotAskedAgain() {
        // The user's record says pending, but Dub has no such customer (deleted there): Dub answers 400.
        Fakes.clerk().givenUser(ClerkUser.named(user).withMetadata(Map.of("dubClickId", click, "dubLead", "pending")));
        String messageId = newMessageId();
        ObjectNode qualified = userUpdated(Map.of("dubQualified", true));
        deliver(qualified, messageId).then().statusCode(200).body("result", equalTo("no_customer"));
        assertEquals("no_customer", publicMetadata().get("dubLead"));
        deliver(qualified, messageId).then().statusCode(200).body("result", equalTo("already_qualified"));
        assertEquals(1, Fakes.dub().leads().size(), "asked once");
        assertEquals(List.of(), Fakes.simulation().leads());
    }

    @Test
    void theSpaRacingQualifyingDeliveriesSendsOneDeferredCallAndOneLead() throws Exception {
        Fakes.clerk().givenUser(ClerkUser.named(user).withMetadata(Map.of("dubQualified", true)));
        ObjectNode qualified = userUpdated(Map.of());
        String messageId = newMessageId();
        String token = TestProfiles.PemKey.session().subject(user).sign();
        List<Callable<Response>> calls = new ArrayList<>();
        calls.add(() -> Requests.withBearer(token).cookie("dub_id", click).post(Requests.PATH));
        for (int i = 0; i < 3; i++) {
            calls.add(() -> deliver(qualified, messageId));
        }
        for (Response response : ClerkWebhookTest.together(calls)) {
            assertEquals(200, response.statusCode(), response.asString());
        }
        assertEquals(2, Fakes.dub().leads().size(), "one deferred call, one qualified lead");
        assertEquals(1, Fakes.simulation().leads().size());
        assertEquals("qualified", publicMetadata().get("dubLead"));
    }

    /** {@code user.created} from Clerk's spec for this test's user, with {@code clickId} in its unsafe metadata. */
    ObjectNode signUp(Object clickId) {
        ObjectNode event = ClerkWebhookTest.userCreated(clickId);
        ((ObjectNode) event.get("data")).put("id", user);
        return event;
    }

    /** A paid attempt by this test's user. */
    ObjectNode paid() {
        ObjectNode event = ClerkWebhookTest.paymentAttempt();
        ((ObjectNode) event.at("/data/payer")).put("user_id", user);
        return event;
    }

    /** {@code user.updated} from Clerk's spec for this test's user, whose public metadata is Clerk's now plus {@code changes}. */
    ObjectNode userUpdated(Map<String, Object> changes) {
        ClerkUser now = Fakes.simulation().user(user).orElseThrow();
        ClerkUser changed = now.merged(changes, null, null, System.currentTimeMillis());
        Fakes.clerk().givenUser(changed);
        ObjectNode event = example("user.updated");
        ((ObjectNode) event.get("data")).put("id", user)
                .set("public_metadata", ClerkWebhookTest.JSON.valueToTree(changed.publicMetadata()));
        return event;
    }

    Map<String, Object> publicMetadata() {
        return Fakes.simulation().user(user).orElseThrow().publicMetadata();
    }
}
