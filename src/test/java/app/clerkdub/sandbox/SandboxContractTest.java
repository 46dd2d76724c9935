package app.clerkdub.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.clerkdub.browser.SandboxProfile;
import app.clerkdub.fakes.DubSpec;
import app.clerkdub.fakes.ServiceLog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The sandbox answers on Clerk's and Dub's contracts: auth, bodies checked against Dub's spec, merges. */
@QuarkusTest
@TestProfile(SandboxProfile.class)
class SandboxContractTest {
    static final String CLERK_AUTH = "Bearer " + SandboxDefaults.CLERK_SECRET_KEY;
    static final String DUB_AUTH = "Bearer " + SandboxDefaults.DUB_API_KEY;

    @Test
    void clerkBackendApiWantsTheSecretKeyAndKnowsItsUsers() {
        String userId = signUp();
        given().get(ClerkBackendResource.BASE + "/v1/users/" + userId)
                .then().statusCode(401).body("errors[0].code", equalTo("authentication_invalid"));
        given().header("Authorization", CLERK_AUTH).get(ClerkBackendResource.BASE + "/v1/users/user_missing")
                .then().statusCode(404).body("errors[0].code", equalTo("resource_not_found"))
                .body("errors[0].long_message", equalTo("No user was found with id user_missing"));
        given().header("Authorization", CLERK_AUTH).get(ClerkBackendResource.BASE + "/v1/users/" + userId)
                .then().statusCode(200).body("id", equalTo(userId)).body("object", equalTo("user"))
                .body("email_addresses[0].email_address", equalTo("grace@example.com"));
    }

    @Test
    void metadataPatchDeepMergesAndNullRemoves() {
        String userId = signUp();
        patchMetadata(userId, "{\"public_metadata\":{\"plan\":{\"tier\":\"pro\"},\"old\":1}}").then().statusCode(200);
        patchMetadata(userId, "{\"public_metadata\":{\"plan\":{\"seats\":3},\"old\":null,\"dubClickId\":\"abc\"}}")
                .then().statusCode(200)
                .body("public_metadata", equalTo(Map.of("plan", Map.of("tier", "pro", "seats", 3), "dubClickId", "abc")));
        patchMetadata(userId, "{\"publicMetadata\":{}}").then().statusCode(422)
                .body("errors[0].code", equalTo("form_param_unknown"));
    }

    @Test
    void dubAnswersOnItsSpecAndRefusesAWrongKey() {
        String click = visitShortLink();
        Response refused = given().header("Authorization", "Bearer dub_wrong").contentType(ContentType.JSON)
                .body("{}").post(DubApiResource.BASE + "/track/lead");
        refused.then().statusCode(401).body("error.code", equalTo("unauthorized"));
        assertEquals(List.of(), DubSpec.errorViolations(401, refused.asString()));

        String lead = "{\"clickId\":\"" + click + "\",\"eventName\":\"Sign Up\",\"customerExternalId\":\"user_c1\"}";
        Response tracked = trackLead(lead);
        tracked.then().statusCode(200).body("link.key", equalTo("launch")).body("click.id", equalTo(click));
        assertEquals(List.of(), DubSpec.responseViolations(tracked.asString()));

        Response duplicate = trackLead(lead);
        duplicate.then().statusCode(200).body("link", nullValue());
        assertEquals(List.of(), DubSpec.responseViolations(duplicate.asString()));

        Response unknown = trackLead("{\"clickId\":\"nope\",\"eventName\":\"Sign Up\",\"customerExternalId\":\"user_c2\"}");
        unknown.then().statusCode(404).body("error.message", equalTo("Click event not found for clickId: nope"));
        assertEquals(List.of(), DubSpec.errorViolations(404, unknown.asString()));
    }

    /** The demo's "Qualify": one Clerk metadata write, then Clerk's signed user.updated, which the service takes. */
    @Test
    void qualifyMarksTheUserAndDeliversClerksSignedUserUpdated() {
        String userId = signUp();
        given().contentType(ContentType.JSON).body(Map.of("userId", userId)).post(ClerkFrontendResource.PATH + "/qualify")
                .then().statusCode(200).body("type", equalTo("user.updated")).body("status", equalTo(200))
                .body("answer", containsString("\"event\":\"user.updated\""));
        given().header("Authorization", CLERK_AUTH).get(ClerkBackendResource.BASE + "/v1/users/" + userId)
                .then().statusCode(200).body("public_metadata.dubQualified", equalTo(true));
        given().contentType(ContentType.JSON).body(Map.of("userId", "user_missing"))
                .post(ClerkFrontendResource.PATH + "/qualify").then().statusCode(404);
    }

    /** An organization's checkout is two deliveries, and the page is given both, in order. */
    @Test
    void anOrganizationsCheckoutAnswersBothDeliveries() {
        String userId = signUp();
        given().contentType(ContentType.JSON).body(Map.of("userId", userId))
                .post(ClerkFrontendResource.PATH + "/billing/pay-as-organization")
                .then().statusCode(200).body("type", equalTo(List.of("organization.created", "paymentAttempt.updated")))
                .body("status", equalTo(List.of(200, 200)));
    }

    /**
     * The sandbox's RSA key is made at start, never on an event loop (where SessionSigner refuses to make one):
     * the log of the whole run has no blocked-thread warning, a sign-up and the key set's fetch included.
     */
    @Test
    void aSignUpBlocksNoEventLoop() {
        signUp();
        given().header("Authorization", CLERK_AUTH).get(ClerkBackendResource.BASE + "/v1/jwks")
                .then().statusCode(200).body("keys", hasSize(1));
        assertEquals(List.of(), ServiceLog.lines().stream()
                .filter(line -> line.contains("BlockedThreadChecker") || line.contains("has been blocked")).toList());
    }

    /** The secret-key readiness check reads the Backend API's key set: the sandbox serves it to its own key only. */
    @Test
    void theBackendApiServesTheKeySetToTheSecretKeyOnly() {
        given().get(ClerkBackendResource.BASE + "/v1/jwks").then().statusCode(401)
                .body("errors[0].code", equalTo("authentication_invalid"));
        given().header("Authorization", CLERK_AUTH).get(ClerkBackendResource.BASE + "/v1/jwks")
                .then().statusCode(200).body("keys[0].kty", equalTo("RSA"));
    }

    @Test
    void theBannerAndReadinessSayTheSandboxAndTheKeyItHolds() {
        String banner = SandboxBanner.text(true, true);
        // The settings line says CLERK_SECRET_KEY=set; so does the banner, never "set CLERK_SECRET_KEY".
        assertTrue(banner.contains("CLERK_SECRET_KEY is set, to the sandbox's own key"), banner);
        assertTrue(banner.contains("DUB_API_KEY is set, to the sandbox's own key"), banner);
        assertFalse(banner.contains("set CLERK_SECRET_KEY") || banner.contains("set DUB_API_KEY"), banner);
        assertTrue(ServiceLog.count("Effective settings:", "CLERK_SECRET_KEY=set", "DUB_API_KEY=set") >= 1,
                "the sandbox's start logged its keys as set");
        var readiness = new SandboxReadiness(true, true).call();
        assertEquals("simulated in-process (sandbox)", readiness.getData().orElseThrow().get("clerk"));
        assertEquals("simulated in-process (sandbox)", readiness.getData().orElseThrow().get("dub"));
    }

    /**
     * The demo's "Change email" and "Delete this user": Clerk changes or deletes the user and sends the signed
     * user.updated or user.deleted, and the service updates, then erases, the customer that the sign-up made at Dub.
     */
    @Test
    void changingAndDeletingTheUserReachItsCustomerAtDub() {
        String click = visitShortLink();
        String userId = given().contentType(ContentType.JSON)
                .body(Map.of("firstName", "Grace", "email", "grace@example.com", "unsafeMetadata", Map.of("dubClickId", click)))
                .post(ClerkFrontendResource.PATH + "/sign-ups")
                .then().statusCode(200).body("webhook.answer", containsString("\"result\":\"tracked\""))
                .extract().path("user.id");
        String customers = "/_sandbox/inspect/customers";
        String changed = "grace.hopper@example.com";
        given().contentType(ContentType.JSON).body(Map.of("userId", userId, "email", changed))
                .post(ClerkFrontendResource.PATH + "/users/change-email")
                .then().statusCode(200).body("type", equalTo("user.updated"))
                .body("answer", containsString("\"result\":\"updated\""));
        given().get(customers).then().statusCode(200)
                .body("find { it.externalId == '" + userId + "' }.email", equalTo(changed));

        given().contentType(ContentType.JSON).body(Map.of("userId", userId))
                .post(ClerkFrontendResource.PATH + "/users/delete")
                .then().statusCode(200).body("type", equalTo("user.deleted"))
                .body("answer", containsString("\"result\":\"erased\""));
        given().get(customers).then().statusCode(200).body("find { it.externalId == '" + userId + "' }", nullValue());
        given().header("Authorization", CLERK_AUTH).get(ClerkBackendResource.BASE + "/v1/users/" + userId)
                .then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("userId", userId))
                .post(ClerkFrontendResource.PATH + "/users/delete").then().statusCode(404);
    }

    /** Dub's PATCH and DELETE /customers/{id} answer with the bodies and errors of Dub's spec. */
    @Test
    void dubsCustomersAnswerOnItsSpec() {
        String click = visitShortLink();
        trackLead("{\"clickId\":\"" + click + "\",\"eventName\":\"Sign Up\",\"customerExternalId\":\"user_c3\","
                + "\"customerEmail\":\"c3@example.com\"}").then().statusCode(200);
        Response updated = given().header("Authorization", DUB_AUTH).contentType(ContentType.JSON)
                .body("{\"email\":\"c3.new@example.com\"}").patch(DubApiResource.BASE + "/customers/ext_user_c3");
        updated.then().statusCode(200).body("email", equalTo("c3.new@example.com")).body("externalId", equalTo("user_c3"));
        assertEquals(List.of(), DubSpec.customerUpdatedViolations(updated.asString()));

        Response deleted = given().header("Authorization", DUB_AUTH).delete(DubApiResource.BASE + "/customers/ext_user_c3");
        deleted.then().statusCode(200);
        assertEquals(List.of(), DubSpec.customerDeletedViolations(deleted.asString()));
        Response gone = given().header("Authorization", DUB_AUTH).delete(DubApiResource.BASE + "/customers/ext_user_c3");
        gone.then().statusCode(404).body("error.code", equalTo("not_found"));
        assertEquals(List.of(), DubSpec.errorViolations(404, gone.asString()));
        given().header("Authorization", "Bearer dub_wrong").delete(DubApiResource.BASE + "/customers/ext_user_c3")
                .then().statusCode(401).body("error.code", equalTo("unauthorized"));
    }

    private static String visitShortLink() {
        String location = given().redirects().follow(false).get("/_sandbox/dub-links/launch")
                .then().statusCode(302).extract().header("Location");
        return location.substring(location.indexOf("dub_id=") + "dub_id=".length());
    }

    private static Response trackLead(String body) {
        return given().header("Authorization", DUB_AUTH).contentType(ContentType.JSON).body(body)
                .post(DubApiResource.BASE + "/track/lead");
    }

    private static Response patchMetadata(String userId, String body) {
        return given().header("Authorization", CLERK_AUTH).contentType(ContentType.JSON).body(body)
                .patch(ClerkBackendResource.BASE + "/v1/users/" + userId + "/metadata");
    }

    private static String signUp() {
        return given().contentType(ContentType.JSON)
                .body("{\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"email\":\"grace@example.com\"}")
                .post(ClerkFrontendResource.PATH + "/sign-ups")
                .then().statusCode(200).extract().path("user.id");
    }
}
