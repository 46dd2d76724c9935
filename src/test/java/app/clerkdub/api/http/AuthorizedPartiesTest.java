package app.clerkdub.api.http;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.TestProfiles;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * CLERK_AUTHORIZED_PARTIES as people write it (quoted, spaces after commas, a trailing slash, upper case)
 * means the same origins to the azp check and to CORS: the normalised list reaches both.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
@TestProfile(TestProfiles.TightLimits.class)
class AuthorizedPartiesTest {
    /** The second of {@value TestProfiles.TightLimits#AUTHORIZED_PARTIES}. */
    static final String SECOND = "https://b.example";

    @Test
    void theSecondOriginAfterASpaceIsAllowedByTheAzpCheck() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        withBearer(session().claim("azp", SECOND).sign(), SECOND).post(PATH).then().statusCode(200);
        withBearer(session().sign()).post(PATH).then().statusCode(200); // https://app.example.com
        withBearer(session().claim("azp", "https://c.example").sign()).post(PATH).then().statusCode(401);
    }

    @Test
    void theSameOriginsAreTheCorsAllowList() {
        preflight(SECOND).header("Access-Control-Allow-Origin", equalTo(SECOND));
        preflight("https://app.example.com").header("Access-Control-Allow-Origin", equalTo("https://app.example.com"));
        preflight("https://c.example").header("Access-Control-Allow-Origin", nullValue());
    }

    /** The SPA client on another origin waits what Retry-After asks for, which it can read only when exposed. */
    @Test
    void retryAfterIsReadableByTheAllowedOrigins() {
        given().header("Origin", SECOND).post(PATH).then()
                .header("Access-Control-Allow-Origin", equalTo(SECOND))
                .header("Access-Control-Expose-Headers", equalTo("Retry-After"));
    }

    private static io.restassured.response.ValidatableResponse preflight(String origin) {
        return given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .options(PATH).then();
    }
}
