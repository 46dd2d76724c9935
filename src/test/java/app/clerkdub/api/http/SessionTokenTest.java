package app.clerkdub.api.http;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.Requests.withSessionCookie;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.SessionTokens;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Session-token checks: every refused token gets 401 (or 403) with a JSON body and reaches no upstream. */
@QuarkusTest
@WithTestResource(Fakes.class)
class SessionTokenTest {

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
    }

    static Stream<Arguments> refusedTokens() {
        long now = Instant.now().getEpochSecond();
        return Stream.<Arguments>of(
                refused("garbage", () -> "not.a.jwt"),
                refused("alg none", () -> unsigned(session().sign())),
                refused("HS256 signed with the RSA public key as secret", SessionTokenTest::hmacWithPublicKey),
                refused("tampered payload", () -> tampered(session().sign())),
                refused("unknown kid", () -> session().keyId("ins_unknown").signedBy(SessionTokens.otherKeys()).sign()),
                refused("key from another key pair", () -> session().signedBy(SessionTokens.otherKeys()).sign()),
                refused("expired", () -> session().claim("iat", now - 120).claim("nbf", now - 125)
                        .claim("exp", now - 60).sign()),
                refused("nbf in the future", () -> session().claim("nbf", now + 60).sign()),
                refused("iat far in the future", () -> session().claim("iat", now + 3600).claim("nbf", now)
                        .claim("exp", now + 3660).sign()),
                refused("wrong iss", () -> session().claim("iss", "https://evil.clerk.accounts.dev").sign()),
                refused("azp not allowed", () -> session().claim("azp", "https://evil.example.com").sign()),
                refused("azp not a string", () -> session().claim("azp", 7).sign()),
                refused("no sub", () -> session().without("sub").sign()),
                refused("no sid", () -> session().without("sid").sign()),
                refused("RS384 instead of RS256", SessionTokenTest::rs384),
                refused("16 KB token", () -> session().metadata(Map.of("padding", "x".repeat(16 * 1024))).sign()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void refusedTokenGets401WithAChallengeAndReachesNoUpstream(String name, Supplier<String> token) {
        assertUnauthorized(withBearer(token.get()).cookie("dub_id", "clk_1").post(PATH).then());
    }

    @ParameterizedTest(name = "{0} in the cookie")
    @MethodSource("refusedTokens")
    void refusedTokenInTheSessionCookieGets401Too(String name, Supplier<String> token) {
        assertUnauthorized(withSessionCookie(token.get()).post(PATH).then());
    }

    @Test
    void noTokenAtAllGets401() {
        assertUnauthorized(given().post(PATH).then());
    }

    @Test
    void tokenInTheQueryStringIsIgnored() {
        String token = session().sign();
        assertUnauthorized(given().queryParam("token", token).queryParam("access_token", token)
                .queryParam("__session", token).post(PATH).then());
    }

    @Test
    void badHeaderWinsOverAGoodCookie() {
        assertUnauthorized(given().header("Authorization", "Bearer not.a.jwt")
                .cookie("__session", session().sign()).post(PATH).then());
    }

    @Test
    void pendingSessionIsForbidden() {
        withBearer(session().claim("sts", "pending").sign()).post(PATH)
                .then().statusCode(403)
                .body("ok", equalTo(false))
                .body("error.code", equalTo("session_pending"));
        assertEquals(0, Fakes.clerk().requestCount());
    }

    @Test
    void activeSessionStatusIsAccepted() {
        withBearer(session().claim("sts", "active").sign()).post(PATH).then().statusCode(200);
    }

    @Test
    void tokenWithoutAzpIsAcceptedAsClerkAllows() {
        withBearer(session().without("azp").sign()).post(PATH).then().statusCode(200)
                .body("status", equalTo("no_click"));
    }

    @Test
    void tokenWithinTheFiveSecondLeewayIsAccepted() {
        long now = Instant.now().getEpochSecond();
        withBearer(session().claim("iat", now - 63).claim("nbf", now - 68).claim("exp", now - 2).sign())
                .post(PATH).then().statusCode(200);
        withBearer(session().claim("nbf", now + 2).sign()).post(PATH).then().statusCode(200);
    }

    private static void assertUnauthorized(ValidatableResponse response) {
        response.statusCode(401)
                .body("ok", equalTo(false))
                .body("error.code", equalTo("unauthorized"));
        assertEquals(List.of("Bearer"), response.extract().headers().getValues("WWW-Authenticate"),
                "one bearer challenge");
        assertEquals(0, Fakes.clerk().requestCount(), "no Clerk call");
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size(), "no Dub call");
    }

    private static Arguments refused(String name, Supplier<String> token) {
        return Arguments.of(name, token);
    }

    private static String unsigned(String token) {
        String[] parts = token.split("\\.");
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + SessionTokens.KID + "\"}");
        return header + "." + parts[1] + ".";
    }

    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(USER_ID, "user_someoneElse");
        return parts[0] + "." + base64Url(payload) + "." + parts[2];
    }

    private static String hmacWithPublicKey() {
        return jose4j(AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(SessionTokens.keys().getPublic().getEncoded()));
    }

    private static String rs384() {
        return jose4j(AlgorithmIdentifiers.RSA_USING_SHA384, SessionTokens.keys().getPrivate());
    }

    private static String jose4j(String algorithm, java.security.Key key) {
        String valid = session().sign();
        String payload = new String(Base64.getUrlDecoder().decode(valid.split("\\.")[1]), StandardCharsets.UTF_8);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload);
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKeyIdHeaderValue(SessionTokens.KID);
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
