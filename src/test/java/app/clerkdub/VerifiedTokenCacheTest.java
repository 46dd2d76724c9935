package app.clerkdub;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.Requests.withSessionCookie;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.clerkdub.clerk.session.VerifiedTokenCacheProbe;
import app.clerkdub.fakes.ClerkFake.User;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.VerificationCounter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * A session token verified once is answered from the cache until it expires: no second RSA
 * verification, while a changed token, an expired one, the claim checks and the pending-session
 * policy are decided as before.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
class VerifiedTokenCacheTest {
    private static final Map<String, Object> TRACKED = Map.of("dubClickId", "clk_earlier");

    @Inject
    VerificationCounter counter;

    @Inject
    VerifiedTokenCacheProbe cache;

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
        Fakes.clerk().givenUser(User.named(USER_ID));
        Fakes.dub().givenLeadTracked();
    }

    @Test
    void repeatedTokenIsVerifiedOnce() {
        String token = session().metadata(TRACKED).sign();
        long hitsBefore = cache.hits();

        for (int call = 0; call < 3; call++) {
            alreadyTracked(withBearer(token).post(PATH).then());
        }
        // The same token in the __session cookie is the same token.
        alreadyTracked(withSessionCookie(token).post(PATH).then());

        assertEquals(1, counter.verifications(jti(token)));
        assertEquals(3, cache.hits() - hitsBefore);
        assertEquals(0, Fakes.clerk().requestCount());
    }

    @Test
    void cachedIdentityCarriesTheTokensClaims() {
        String token = session().sign();

        withBearer(token).cookie("dub_id", "clk_1").post(PATH).then().statusCode(200)
                .body("status", equalTo("tracked"));
        withBearer(token).cookie("dub_id", "clk_1").post(PATH).then().statusCode(200)
                .body("status", equalTo("tracked"));

        assertEquals(1, counter.verifications(jti(token)));
        // The second request, answered from the cache, read the user named by the token's sub.
        assertEquals(2, Fakes.clerk().userReads().size());
        Fakes.clerk().userReads().forEach(read -> assertEquals("/v1/users/" + USER_ID, read.getUrl()));
    }

    @Test
    void expiredCachedTokenIsRefused() throws InterruptedException {
        // A first request warms the path, so that the short-lived token below is sent well within its life.
        alreadyTracked(withBearer(session().metadata(TRACKED).sign()).post(PATH).then());
        long now = Instant.now().getEpochSecond();
        // Accepted until exp plus the service's 5 s leeway: about 6 s from now.
        long exp = now + 1;
        String token = session().metadata(TRACKED).claim("iat", now - 60).claim("nbf", now - 65)
                .claim("exp", exp).sign();
        alreadyTracked(withBearer(token).post(PATH).then());
        alreadyTracked(withBearer(token).post(PATH).then());
        assertEquals(1, counter.verifications(jti(token)));

        waitUntilEpochMillis((exp + 5) * 1000 + 200);

        unauthorized(withBearer(token).post(PATH).then());
        unauthorized(withBearer(token).post(PATH).then());
        assertTrue(counter.verifications(jti(token)) >= 2, "the expired token went back to verification");
    }

    @Test
    void tamperedVariantsOfACachedTokenAreRefused() {
        String token = session().metadata(TRACKED).sign();
        alreadyTracked(withBearer(token).post(PATH).then());

        String[] parts = token.split("\\.");
        String otherUser = base64Url(decode(parts[1]).replace(USER_ID, "user_someoneElse"));
        unauthorized(withBearer(parts[0] + "." + otherUser + "." + parts[2]).post(PATH).then());
        String signature = parts[2];
        String flipped = signature.substring(0, 10) + (signature.charAt(10) == 'A' ? 'B' : 'A') + signature.substring(11);
        unauthorized(withBearer(parts[0] + "." + parts[1] + "." + flipped).post(PATH).then());
        unauthorized(withBearer(token + "x").post(PATH).then());

        alreadyTracked(withBearer(token).post(PATH).then());
        assertEquals(1, counter.verifications(jti(token)));
        assertEquals(0, Fakes.clerk().requestCount());
    }

    @Test
    void pendingSessionStaysForbiddenWhenCached() {
        String token = session().metadata(TRACKED).claim("sts", "pending").sign();

        for (int call = 0; call < 2; call++) {
            withBearer(token).post(PATH).then().statusCode(403).body("error.code", equalTo("session_pending"));
        }
        // Verified once; the policy ran on both requests.
        assertEquals(1, counter.verifications(jti(token)));
    }

    @Test
    void tokenRefusedByTheClaimChecksIsNeverCached() {
        String token = session().metadata(TRACKED).claim("azp", "https://evil.example.com").sign();
        long storedBefore = cache.stored();

        unauthorized(withBearer(token).post(PATH).then());
        unauthorized(withBearer(token).post(PATH).then());

        assertEquals(2, counter.verifications(jti(token)));
        assertEquals(storedBefore, cache.stored());
    }

    @Test
    void cacheIsBoundedBySize() {
        assertTrue(cache.size() <= cache.maxSize());

        VerifiedTokenCacheProbe small = VerifiedTokenCacheProbe.standalone(3);
        for (int i = 0; i < 50; i++) {
            small.storeVerified(session().subject("user_" + i).metadata(TRACKED).sign());
        }
        assertTrue(small.size() <= 3, "held " + small.size() + " of at most 3");
        assertEquals(50, small.stored());
    }

    @Test
    void maxSizeZeroTurnsTheCacheOff() {
        VerifiedTokenCacheProbe off = VerifiedTokenCacheProbe.standalone(0);
        assertFalse(off.enabled());
        assertEquals(0, off.size());
    }

    private static void alreadyTracked(ValidatableResponse response) {
        response.statusCode(200).body("status", equalTo("already_tracked"));
    }

    private static void unauthorized(ValidatableResponse response) {
        response.statusCode(401).body("error.code", equalTo("unauthorized"));
    }

    private static String jti(String token) {
        String payload = decode(token.split("\\.")[1]);
        int start = payload.indexOf("\"jti\":\"") + 7;
        return payload.substring(start, payload.indexOf('"', start));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits for a moment on the wall clock, the clock token lifetimes are judged by. */
    private static void waitUntilEpochMillis(long moment) throws InterruptedException {
        long left;
        while ((left = moment - System.currentTimeMillis()) > 0) {
            Thread.sleep(Math.min(left, 250));
        }
    }
}
