package app.clerkdub;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.ClerkFake.User;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.SessionTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With CLERK_JWT_KEY, tokens are verified against the PEM with no JWKS fetch, and every claim check holds. */
@QuarkusTest
@WithTestResource(Fakes.class)
@TestProfile(PemKeyTest.WithPem.class)
class PemKeyTest {

    public static class WithPem implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Escaped line breaks, as a PEM often arrives through an environment variable.
            return Map.of("clerk.jwt-key", SessionTokens.publicKeyPem().replace("\n", "\\n"));
        }
    }

    @Test
    void tokensAreVerifiedWithThePemAndNoJwksFetch() {
        Fakes.reset();
        Fakes.clerk().givenUser(User.named(USER_ID));
        withBearer(session().sign()).post(PATH).then().statusCode(200).body("status", equalTo("no_click"));
        given().get("/q/health/ready").then().statusCode(200);
        assertEquals(0, Fakes.clerkFrontend().getAllServeEvents().size(), "the JWKS was never fetched");
    }

    @Test
    void claimChecksStillApplyWithThePem() {
        Fakes.reset();
        withBearer(session().signedBy(SessionTokens.otherKeys()).sign()).post(PATH).then().statusCode(401);
        withBearer(session().without("sub").sign()).post(PATH).then().statusCode(401);
        withBearer(session().without("sid").sign()).post(PATH).then().statusCode(401);
        withBearer(session().claim("iss", "https://evil.example.com").sign()).post(PATH).then().statusCode(401);
        withBearer(session().claim("azp", "https://evil.example.com").sign()).post(PATH).then().statusCode(401);
        assertEquals(0, Fakes.clerk().requestCount());
    }
}
