package app.clerkdub.api.webhook;

import static app.clerkdub.fakes.ClerkWebhooks.deliver;
import static app.clerkdub.fakes.ClerkWebhooks.example;
import static app.clerkdub.fakes.ClerkWebhooks.newMessageId;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import app.clerkdub.fakes.DubFake;
import app.clerkdub.fakes.DubSpecCheck;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.ServiceLog;
import app.clerkdub.fakes.Requests;
import app.clerkdub.fakes.SessionTokens;
import app.clerkdub.sandbox.ClerkOrganization;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Clerk's webhooks end to end, with the examples of Clerk's webhook spec signed as Svix signs them, against
 * fakes of Clerk and Dub that count every request (and check each one Dub gets against Dub's spec).
 */
@QuarkusTest
@WithTestResource(Fakes.class)
@ExtendWith(DubSpecCheck.class)
class ClerkWebhookTest {
    static final String CLICK = "clk_1JX8Z3MQWV0GX4Y2";
    static final String ORGANIZATION = "org_2g7np7Hrk0SN6kj5EDMLDaKNL0S";
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
    }

    @Test
    void signedUserCreatedWithAClickTracksTheLeadOnce() throws Exception {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenLeadTracked();

        String messageId = newMessageId();
        deliver(userCreated(CLICK), messageId).then().statusCode(200)
                .body("ok", equalTo(true)).body("event", equalTo("user.created")).body("result", equalTo("tracked"));
        // The delivery's line times each upstream call made for it.
        ServiceLog.awaitLine("webhook user.created 200 tracked id=" + messageId + " ", " clerk_get_user=",
                " clerk_update_metadata=", " dub_track_lead=");

        List<LoggedRequest> leads = Fakes.dub().leads();
        assertEquals(1, leads.size());
        JsonNode lead = JSON.readTree(leads.get(0).getBodyAsString());
        assertEquals(CLICK, lead.get("clickId").asText());
        assertEquals(USER_ID, lead.get("customerExternalId").asText());
        assertEquals("Sign Up", lead.get("eventName").asText());
        assertEquals(List.of(CLICK), recordedClickIds());
    }

    @Test
    void threeDeliveriesOfOneMessageSendOneLead() {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID)); // Clerk keeps the click that the first delivery records
        Fakes.dub().givenLeadTracked();
        String messageId = newMessageId();
        JsonNode event = userCreated(CLICK);

        deliver(event, messageId).then().statusCode(200).body("result", equalTo("tracked"));
        deliver(event, messageId).then().statusCode(200).body("result", equalTo("already_tracked"));
        deliver(event, messageId).then().statusCode(200).body("result", equalTo("already_tracked"));

        assertEquals(1, Fakes.dub().leads().size(), "one Dub request");
        assertEquals(1, Fakes.clerk().metadataUpdates().size(), "one metadata update");
    }

    @Test
    void overlappingDeliveriesAndTheSpaCallShareOneFlight() throws Exception {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        // Dub takes a while, so that every call arrives while the first flow is still running.
        Fakes.dub().givenAnswer(DubFake.tracked().withFixedDelay(700));
        String messageId = newMessageId();
        JsonNode event = userCreated(CLICK);
        String token = SessionTokens.session().sign();

        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(() -> deliver(event, messageId));
        }
        calls.add(() -> Requests.withBearer(token).cookie("dub_id", CLICK).post(Requests.PATH));
        for (Response response : together(calls)) {
            assertEquals(200, response.statusCode(), response.asString());
            assertEquals("tracked", response.jsonPath().getString(response.jsonPath().get("result") != null
                    ? "result" : "status"));
        }
        assertEquals(1, Fakes.dub().leads().size(), "one Dub request");
        assertEquals(1, Fakes.clerk().metadataUpdates().size(), "one metadata update");
    }

    @Test
    void withoutAClickOrWithOneThatIsNoClickIdNothingIsSentOrMarked() {
        deliver(userCreated(null), newMessageId()).then().statusCode(200).body("result", equalTo("no_click"));
        deliver(userCreated("not a click!"), newMessageId()).then().statusCode(200)
                .body("result", equalTo("invalid_click_id"));
        ObjectNode numeric = userCreated(null);
        ((ObjectNode) numeric.get("data")).putObject("unsafe_metadata").put("dubClickId", 42);
        deliver(numeric, newMessageId()).then().statusCode(200).body("result", equalTo("no_click"));
        assertEquals(0, Fakes.clerk().requestCount());
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size());
    }

    @Test
    void dubDownAnswers5xxAndMarksNothingThenTheRetryTracks() {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenAnswer(DubFake.error(500, "internal_server_error", "Dub is down"));
        String messageId = newMessageId();
        JsonNode event = userCreated(CLICK);

        deliver(event, messageId).then().statusCode(502)
                .body("ok", equalTo(false)).body("error.code", equalTo("dub_unavailable"));
        assertEquals(0, Fakes.clerk().metadataUpdates().size(), "nothing marked");

        Fakes.dub().server().resetAll();
        Fakes.dub().givenLeadTracked();
        deliver(event, messageId).then().statusCode(200).body("result", equalTo("tracked"));
        assertEquals(1, Fakes.dub().leads().size());
        assertEquals(1, Fakes.clerk().metadataUpdates().size());
    }

    @Test
    void aPaidAttemptMakesOneSaleAcrossDeliveries() throws Exception {
        ObjectNode event = paymentAttempt();
        String invoiceId = event.at("/data/id").asText();
        Fakes.dub().givenSaleAnswer(DubFake.saleRecorded(USER_ID, 2200, "usd", invoiceId, Map.of("plan", "pro-plan")));
        String messageId = newMessageId();

        for (int i = 0; i < 3; i++) {
            deliver(event, messageId).then().statusCode(200)
                    .body("event", equalTo("paymentAttempt.updated")).body("result", equalTo("sale_recorded"));
        }

        List<LoggedRequest> sales = Fakes.dub().sales();
        assertEquals(3, sales.size(), "each delivery is passed on; Dub keeps one sale per invoice id");
        for (LoggedRequest sale : sales) {
            JsonNode body = JSON.readTree(sale.getBodyAsString());
            assertEquals(USER_ID, body.get("customerExternalId").asText());
            assertEquals(2200, body.get("amount").asLong());
            assertEquals("usd", body.get("currency").asText());
            assertEquals(invoiceId, body.get("invoiceId").asText(), "the one invoice id Dub dedups on");
            assertEquals("custom", body.get("paymentProcessor").asText());
            assertEquals("Purchase", body.get("eventName").asText());
            assertEquals("Sign Up", body.get("leadEventName").asText());
            assertEquals(JSON.readTree("{\"plan\":\"pro-plan\",\"chargeType\":\"recurring\","
                    + "\"statementId\":\"stmt_2g7np7Hrk0SN6kj5EDMLDaKNL0S\"}"), body.get("metadata"));
        }
        assertEquals(0, Fakes.clerk().requestCount());
    }

    @Test
    void aSaleDubCannotAttributeIsDoneNotRetried() {
        Fakes.dub().givenSaleAnswer(DubFake.saleNotAttributed());
        deliver(paymentAttempt(), newMessageId()).then().statusCode(200).body("result", equalTo("not_attributed"));
        assertEquals(1, Fakes.dub().sales().size());

        Fakes.reset();
        Fakes.dub().givenSaleAnswer(DubFake.error(404, "not_found",
                "Lead event not found for externalId: " + USER_ID + " and leadEventName: Sign Up"));
        deliver(paymentAttempt(), newMessageId()).then().statusCode(200).body("result", equalTo("not_attributed"));
        assertEquals(1, Fakes.dub().sales().size(), "a 404 is no failure that a retry could pass");
    }

    @Test
    void dubDownFailsTheSaleDeliveryThenTheRetryRecordsIt() {
        ObjectNode event = paymentAttempt();
        String messageId = newMessageId();
        Fakes.dub().givenSaleAnswer(DubFake.error(500, "internal_server_error", "Dub is down"));
        deliver(event, messageId).then().statusCode(502).body("error.code", equalTo("dub_unavailable"));

        Fakes.dub().server().resetAll();
        Fakes.dub().givenSaleAnswer(DubFake.saleRecorded(USER_ID, 2200, "usd", event.at("/data/id").asText(), null));
        deliver(event, messageId).then().statusCode(200).body("result", equalTo("sale_recorded"));
        assertEquals(1, Fakes.dub().sales().size());
    }

    @Test
    void aFailedSaleStillLogsTheMemberItCredits() {
        Fakes.clerk().givenOrganization(ClerkOrganization.createdBy(ORGANIZATION, USER_ID));
        Fakes.dub().givenSaleAnswer(DubFake.error(500, "internal_server_error", "Dub is down"));
        String messageId = newMessageId();
        deliver(organizationPaid(ORGANIZATION), messageId).then().statusCode(502);
        ServiceLog.awaitLine("webhook paymentAttempt.updated 502 dub_unavailable id=" + messageId + " user=" + USER_ID + " ");
    }

    @Test
    void paymentsThatAreNoSaleAreIgnoredWith2xx() {
        ObjectNode failed = paymentAttempt();
        ((ObjectNode) failed.get("data")).put("status", "failed");
        deliver(failed, newMessageId()).then().statusCode(200).body("result", equalTo("not_paid"));

        ObjectNode free = paymentAttempt();
        ((ObjectNode) free.at("/data/totals/grand_total")).put("amount", 0);
        deliver(free, newMessageId()).then().statusCode(200).body("result", equalTo("free"));

        ObjectNode nobody = paymentAttempt();
        ((ObjectNode) nobody.at("/data/payer")).putNull("user_id").putNull("organization_id");
        deliver(nobody, newMessageId()).then().statusCode(200).body("result", equalTo("invalid_payload"));

        assertEquals(0, Fakes.clerk().requestCount());
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size());
    }

    @Test
    void anOrganizationsPaymentIsCreditedToItsCreatorOrTheMemberItsMetadataNames() throws Exception {
        Fakes.clerk().givenOrganization(ClerkOrganization.createdBy(ORGANIZATION, USER_ID));
        ObjectNode event = organizationPaid(ORGANIZATION);
        Fakes.dub().givenSaleAnswer(DubFake.saleRecorded(USER_ID, 2200, "usd", event.at("/data/id").asText(), null));
        deliver(event, newMessageId()).then().statusCode(200).body("result", equalTo("sale_recorded"));
        assertEquals(USER_ID, JSON.readTree(Fakes.dub().sales().get(0).getBodyAsString()).get("customerExternalId").asText());
        assertEquals(1, Fakes.clerk().organizationReads().size());

        Fakes.reset();
        String member = "user_2member0000000000000000";
        Fakes.clerk().givenOrganization(ClerkOrganization.createdBy(ORGANIZATION, USER_ID)
                .withMetadata(Map.of("dubLeadUserId", member)));
        Fakes.dub().givenSaleAnswer(DubFake.saleNotAttributed());
        deliver(organizationPaid(ORGANIZATION), newMessageId()).then().statusCode(200)
                .body("result", equalTo("not_attributed"));
        assertEquals(member, JSON.readTree(Fakes.dub().sales().get(0).getBodyAsString()).get("customerExternalId").asText());

        // Clerk knows no such organization: nobody to credit, acknowledged, and nothing sent to Dub.
        Fakes.reset();
        deliver(organizationPaid("org_2unknown000000000000000"), newMessageId()).then().statusCode(200)
                .body("result", equalTo("not_attributed"));
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size());
    }

    @Test
    void outsideDeferredModeQualifyingEventsCostNothing() {
        ObjectNode updated = example("user.updated");
        ((ObjectNode) updated.get("data")).put("id", USER_ID).putObject("public_metadata").put("dubQualified", true);
        // Not a qualification, and Dub holds no customer for the user (no click recorded): nothing to do either way.
        deliver(updated, newMessageId()).then().statusCode(200)
                .body("event", equalTo("user.updated")).body("result", equalTo("unknown_customer"));
        deliver(example("organization.created"), newMessageId()).then().statusCode(200)
                .body("event", equalTo("organization.created")).body("result", equalTo("not_qualifying"));

        ObjectNode anonymous = example("user.updated");
        ((ObjectNode) anonymous.get("data")).remove("id");
        deliver(anonymous, newMessageId()).then().statusCode(200).body("result", equalTo("invalid_payload"));
        ObjectNode noCreator = example("organization.created");
        ((ObjectNode) noCreator.get("data")).remove("created_by");
        deliver(noCreator, newMessageId()).then().statusCode(200).body("result", equalTo("invalid_payload"));
        ServiceLog.awaitLine("webhook organization.created 200 invalid_payload ");

        assertEquals(0, Fakes.clerk().requestCount());
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size());
    }

    @Test
    void otherEventsAndPayloadsThatWouldFailAgainAre2xx() {
        deliver(example("email.created"), newMessageId()).then().statusCode(200)
                .body("result", equalTo("unhandled_event"));

        ObjectNode wrongShape = paymentAttempt();
        ((ObjectNode) wrongShape.at("/data/totals/grand_total")).put("amount", "a lot");
        deliver(wrongShape, newMessageId()).then().statusCode(200).body("result", equalTo("invalid_payload"));

        ObjectNode noData = JSON.createObjectNode().put("type", "user.created").putNull("data");
        deliver(noData, newMessageId()).then().statusCode(200).body("result", equalTo("invalid_payload"));

        byte[] notJson = "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String id = newMessageId();
        long now = app.clerkdub.fakes.ClerkWebhooks.now();
        deliver(notJson, id, now, app.clerkdub.sandbox.WebhookSigner.signature(
                app.clerkdub.fakes.ClerkWebhooks.SECRET, id, now, notJson))
                .then().statusCode(200).body("result", equalTo("invalid_payload"));

        assertEquals(0, Fakes.clerk().requestCount());
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size());
    }

    @Test
    void outcomesAreCountedByEventAndResult() {
        deliver(userCreated(null), newMessageId()).then().statusCode(200);
        deliver(example("email.created"), newMessageId()).then().statusCode(200);
        Requests.management().get("/metrics").then().statusCode(200)
                .body(containsString("webhooks_outcomes_total{event=\"user.created\",result=\"no_click\"}"))
                .body(containsString("webhooks_outcomes_total{event=\"other\",result=\"unhandled_event\"}"));
    }

    @Test
    void openApiDescribesTheRoute() {
        Requests.management().accept("application/json").get("/openapi").then().statusCode(200)
                .body("paths.'/webhooks/clerk'.post.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("200", "401", "502", "503", "504"));
    }

    /** {@code user.created} from Clerk's spec, for the test user, with the click id in its unsafe metadata. */
    static ObjectNode userCreated(Object clickId) {
        ObjectNode event = example("user.created");
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("id", USER_ID);
        if (clickId != null) {
            data.putObject("unsafe_metadata").put("dubClickId", clickId.toString());
        }
        return event;
    }

    /** A paid attempt whose payer is an organization, as Clerk sends it: {@code organization_id}, no {@code user_id}. */
    static ObjectNode organizationPaid(String organizationId) {
        ObjectNode event = paymentAttempt();
        ((ObjectNode) event.at("/data/payer")).putNull("user_id").put("organization_id", organizationId);
        return event;
    }

    /** {@code paymentAttempt.updated} from Clerk's spec: paid, $22.00, by the test user; a new attempt id each time. */
    static ObjectNode paymentAttempt() {
        ObjectNode event = example("paymentAttempt.updated");
        ((ObjectNode) event.get("data")).put("id", "pa_" + newMessageId().substring(4));
        ((ObjectNode) event.at("/data/payer")).put("user_id", USER_ID);
        return event;
    }

    static List<String> recordedClickIds() throws Exception {
        List<String> recorded = new ArrayList<>();
        for (LoggedRequest update : Fakes.clerk().metadataUpdates()) {
            recorded.add(JSON.readTree(update.getBodyAsString()).at("/public_metadata/dubClickId").asText());
        }
        return recorded;
    }

    static List<Response> together(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> pending = new ArrayList<>();
            for (Callable<Response> call : calls) {
                pending.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : pending) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
