package app.clerkdub.webhook;

import static app.clerkdub.fakes.ClerkWebhooks.deliver;
import static app.clerkdub.fakes.ClerkWebhooks.example;
import static app.clerkdub.fakes.ClerkWebhooks.newMessageId;
import static app.clerkdub.fakes.Requests.ARTIFACT;
import static app.clerkdub.fakes.Requests.LAMBDA;
import static app.clerkdub.fakes.Requests.ONE_EVENT_AT_A_TIME;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import app.clerkdub.fakes.ClerkWebhooks;
import app.clerkdub.fakes.DubSpecCheck;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.Requests;
import app.clerkdub.fakes.SessionTokens;
import app.clerkdub.sandbox.ClerkOrganization;
import app.clerkdub.sandbox.ClerkUser;
import app.clerkdub.sandbox.RecordedLead;
import app.clerkdub.sandbox.WebhookSigner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Deferred mode end to end, against simulated Clerk and Dub behind the fakes (Dub's deferred mode, its dedup, its
 * 400 for a customer it does not have, its sales checked against the lead's event name): the sign-up stores the
 * click on the customer and records no lead; each qualifying event of Clerk's webhook spec, signed as Svix signs
 * it, records exactly one lead under the qualified event's name, credited to the sign-up's click. Its own profile:
 * deferred mode changes what every sign-up sends, so it cannot share the application of the other tests.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
@TestProfile(QualifiedLeadTest.Deferred.class)
@ExtendWith(DubSpecCheck.class)
class QualifiedLeadTest {
    static final String QUALIFIED = "Qualified Lead";
    static final String ORGANIZATION = ClerkWebhookTest.ORGANIZATION;

    public static class Deferred implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dub.lead-mode", "deferred", "dub.qualify-on", "metadata, payment,organization");
        }
    }

    private String click;

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        click = Fakes.simulation().click();
    }

    @Test
    void aDeferredSignUpThenDubQualifiedRecordsExactlyOneLeadWithTheSignUpsClick() throws Exception {
        deliver(ClerkWebhookTest.userCreated(click), newMessageId()).then().statusCode(200)
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
        assertEquals(USER_ID, second.get("customerExternalId").asText());
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
        deliver(ClerkWebhookTest.userCreated(click), newMessageId()).then().statusCode(200);
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
        deliver(ClerkWebhookTest.userCreated(click), newMessageId()).then().statusCode(200);
        ObjectNode payment = ClerkWebhookTest.paymentAttempt();
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
        deliver(ClerkWebhookTest.userCreated(click), newMessageId()).then().statusCode(200);
        Fakes.clerk().givenOrganization(ClerkOrganization.createdBy(ORGANIZATION, USER_ID));
        ObjectNode created = example("organization.created");
        ((ObjectNode) created.get("data")).put("id", ORGANIZATION).put("created_by", USER_ID);
        deliver(created, newMessageId()).then().statusCode(200)
                .body("event", equalTo("organization.created")).body("result", equalTo("qualified"));

        ObjectNode paid = ClerkWebhookTest.organizationPaid(ORGANIZATION);
        String messageId = newMessageId();
        deliver(paid, messageId).then().statusCode(200).body("result", equalTo("sale_recorded"));
        deliver(paid, messageId).then().statusCode(200).body("result", equalTo("sale_recorded"));

        assertEquals(2, Fakes.dub().leads().size());
        assertEquals(1, Fakes.simulation().leads().size());
        assertEquals(1, Fakes.simulation().sales().size(), "one sale per payment attempt");
        assertEquals(USER_ID, Fakes.simulation().sales().get(0).customerExternalId());
    }

    @Test
    void aQualificationBeforeTheSignUpIsKeptAndTheSignUpSendsIt() {
        ObjectNode created = example("organization.created");
        ((ObjectNode) created.get("data")).put("created_by", USER_ID);
        deliver(created, newMessageId()).then().statusCode(200).body("result", equalTo("awaiting_sign_up"));
        assertEquals(0, Fakes.dub().leads().size(), "nothing to send before the click");
        assertEquals("qualified_first", publicMetadata().get("dubLead"));

        deliver(ClerkWebhookTest.userCreated(click), newMessageId()).then().statusCode(200)
                .body("result", equalTo("tracked"));
        assertEquals(2, Fakes.dub().leads().size(), "the deferred call, then the qualified lead");
        assertEquals(1, Fakes.simulation().leads().size());
        assertEquals(Map.of("dubClickId", click, "dubLead", "qualified"), publicMetadata());
    }

    @Test
    void aUserWithoutAClickCostsNoDubCall() {
        deliver(ClerkWebhookTest.userCreated(null), newMessageId()).then().statusCode(200)
                .body("result", equalTo("no_click"));
        Requests.withBearer(SessionTokens.session().sign()).post(Requests.PATH).then().statusCode(200)
                .body("status", equalTo("no_click"));
        deliver(userUpdated(Map.of("dubQualified", true)), newMessageId()).then().statusCode(200)
                .body("result", equalTo("no_lead"));
        deliver(ClerkWebhookTest.paymentAttempt(), newMessageId()).then().statusCode(200)
                .body("result", equalTo("not_attributed"));
        assertEquals(0, Fakes.dub().leads().size());
    }

    @Test
    void dubWithoutTheCustomerIsAnsweredOnceAndNotAskedAgain() {
        // The user's record says pending, but Dub has no such customer (deleted there): Dub answers 400.
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID).withMetadata(Map.of("dubClickId", click, "dubLead", "pending")));
        String messageId = newMessageId();
        ObjectNode qualified = userUpdated(Map.of("dubQualified", true));
        deliver(qualified, messageId).then().statusCode(200).body("result", equalTo("no_customer"));
        assertEquals("no_customer", publicMetadata().get("dubLead"));
        deliver(qualified, messageId).then().statusCode(200).body("result", equalTo("already_qualified"));
        assertEquals(1, Fakes.dub().leads().size(), "asked once");
        assertEquals(List.of(), Fakes.simulation().leads());
    }

    @Test
    @DisabledIfSystemProperty(named = ARTIFACT, matches = LAMBDA, disabledReason = ONE_EVENT_AT_A_TIME)
    void theSpaRacingQualifyingDeliveriesSendsOneDeferredCallAndOneLead() throws Exception {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID).withMetadata(Map.of("dubQualified", true)));
        ObjectNode qualified = userUpdated(Map.of());
        String messageId = newMessageId();
        String token = SessionTokens.session().sign();
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

    /** {@code user.updated} from Clerk's spec for the test user, whose public metadata is Clerk's now plus {@code changes}. */
    static ObjectNode userUpdated(Map<String, Object> changes) {
        ClerkUser now = Fakes.simulation().user(USER_ID).orElseThrow();
        ClerkUser changed = now.merged(changes, null, null, System.currentTimeMillis());
        Fakes.clerk().givenUser(changed);
        ObjectNode event = example("user.updated");
        ((ObjectNode) event.get("data")).put("id", USER_ID)
                .set("public_metadata", ClerkWebhookTest.JSON.valueToTree(changed.publicMetadata()));
        return event;
    }

    static Map<String, Object> publicMetadata() {
        return Fakes.simulation().user(USER_ID).orElseThrow().publicMetadata();
    }
}
