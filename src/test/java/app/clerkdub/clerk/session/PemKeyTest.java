package app.clerkdub.clerk.session;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.SessionTokens;
import app.clerkdub.fakes.TestProfiles;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With CLERK_JWT_KEY, tokens are verified against the PEM with no network at all (the issuer here does
 * not even resolve), and every claim check holds.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
@TestProfile(TestProfiles.PemKey.class)
class PemKeyTest {

    private static SessionTokens.Builder pemSession() {
        return TestProfiles.PemKey.session();
    }

    @Test
    void tokensAreVerifiedWithThePemAndNoJwksFetch() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        withBearer(pemSession().sign()).post(PATH).then().statusCode(200).body("status", equalTo("no_click"));
        withBearer(pemSession().metadata(Map.of("dubClickId", "clk_1")).sign()).post(PATH)
                .then().statusCode(200).body("status", equalTo("already_tracked"));
        app.clerkdub.fakes.Requests.management().get("/health/ready").then().statusCode(200);
        assertEquals(0, Fakes.clerkFrontend().getAllServeEvents().size(), "the JWKS was never fetched");
    }

    @Test
    void claimChecksStillApplyWithThePem() {
        Fakes.reset();
        withBearer(pemSession().signedBy(SessionTokens.otherKeys()).sign()).post(PATH).then().statusCode(401);
        withBearer(pemSession().without("sub").sign()).post(PATH).then().statusCode(401);
        withBearer(pemSession().without("sid").sign()).post(PATH).then().statusCode(401);
        withBearer(session().sign()).post(PATH).then().statusCode(401); // the JWKS issuer is not this one
        withBearer(pemSession().claim("azp", "https://evil.example.com").sign()).post(PATH).then().statusCode(401);
        assertEquals(0, Fakes.clerk().requestCount());
    }
}
