package app.clerkdub.api.http;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.ServiceLog;
import app.clerkdub.fakes.SessionTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Each refused token leaves one INFO line in the service's log saying why, without the token: what an
 * operator reads to learn why users get 401. And the start left one line with the effective settings.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
class RefusedTokenLogTest {

    @Test
    void eachRefusedTokenIsLoggedOnceWithItsReasonAndNeverTheToken() throws IOException, JoseException {
        Fakes.reset();
        long now = Instant.now().getEpochSecond();
        String evilOrigin = "https://evil-" + now + ".example.com";
        List<String> tokens = List.of(
                session().claim("iat", now - 120).claim("nbf", now - 125).claim("exp", now - 60).sign(),
                session().claim("iss", "https://evil.clerk.accounts.dev").sign(),
                session().claim("azp", evilOrigin).sign(),
                session().without("sid").sign(),
                session().signedBy(SessionTokens.otherKeys()).sign(),
                "not.a.jwt",
                session().keyId("ins_unknown").signedBy(SessionTokens.otherKeys()).sign(),
                unsigned(session().sign()),
                session().claim("nbf", now + 60).sign(),
                rs384(session().sign()));
        long before = Files.size(ServiceLog.FILE);
        for (String token : tokens) {
            withBearer(token).post(PATH).then().statusCode(401);
        }
        List<String> refusals = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            refusals.clear();
            appendedSince(before).stream().filter(line -> line.contains("Session token refused")).forEach(refusals::add);
            return refusals.size() >= tokens.size();
        });
        assertEquals(tokens.size(), refusals.size(), "one line per refused token: " + refusals);
        assertLine(refusals.get(0), "INFO", "Session token refused: expired");
        assertLine(refusals.get(1), "issuer not expected: expected '" + Fakes.clerkFrontendUrl()
                + "', got 'https://evil.clerk.accounts.dev'");
        assertLine(refusals.get(2), "azp not an authorized party: '" + evilOrigin + "'");
        assertLine(refusals.get(3), "sid claim missing: not a session token");
        assertLine(refusals.get(4), "signature invalid");
        assertLine(refusals.get(5), "malformed token (not a signed JWT)");
        assertLine(refusals.get(6), "signing key unknown");
        assertLine(refusals.get(7), "malformed token (not a signed JWT)"); // quarkus-oidc: no signature, opaque
        assertLine(refusals.get(8), "not yet valid (nbf)");
        assertLine(refusals.get(9), "algorithm 'RS384' not allowed (RS256 only)");
        for (String line : refusals) {
            tokens.forEach(token -> assertFalse(line.contains(token), "the token was logged: " + line));
            assertFalse(line.contains("eyJ"), line);
        }
    }

    @Test
    void theStartLoggedTheEffectiveSettingsOnOneLine() throws IOException {
        assertTrue(Files.readAllLines(ServiceLog.FILE).stream().anyMatch(line -> line.contains("INFO")
                && line.contains("Effective settings: issuer=" + Fakes.clerkFrontendUrl()
                        + ", authorized parties=https://app.example.com https://www.shop.example.org "
                        + "http://localhost:3000, token keys=JWKS at " + Fakes.clerkFrontendUrl()
                        + "/.well-known/jwks.json, Dub lead event='Sign Up'")
                && line.contains("CLERK_SECRET_KEY=set, DUB_API_KEY=set")));
    }

    /** The token with {@code alg: none} and no signature. */
    private static String unsigned(String token) {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + token.split("\\.")[1] + ".";
    }

    /** The same claims, signed with the right key but RS384. */
    private static String rs384(String token) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA384);
        jws.setKeyIdHeaderValue(SessionTokens.KID);
        jws.setKey(SessionTokens.keys().getPrivate());
        return jws.getCompactSerialization();
    }

    private static void assertLine(String line, String... parts) {
        for (String part : parts) {
            assertTrue(line.contains(part), "'" + part + "' in: " + line);
        }
    }

    private static List<String> appendedSince(long offset) throws IOException {
        try (RandomAccessFile log = new RandomAccessFile(ServiceLog.FILE.toFile(), "r")) {
            byte[] appended = new byte[(int) (log.length() - offset)];
            log.seek(offset);
            log.readFully(appended);
            return new String(appended, StandardCharsets.UTF_8).lines().toList();
        }
    }
}
