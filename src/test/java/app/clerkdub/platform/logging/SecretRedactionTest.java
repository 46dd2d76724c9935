package app.clerkdub.platform.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import app.clerkdub.platform.logging.LogLines.SecretRedaction;

class SecretRedactionTest {

    @Test
    void tokensAndKeysAreRedactedAndOrdinaryWordsKept() {
        assertEquals("verify [redacted] failed",
                SecretRedaction.redact("verify eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2lnbmF0dXJl failed"));
        assertEquals("alg none: [redacted]", SecretRedaction.redact("alg none: eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."));
        assertEquals("key [redacted] and [redacted]",
                SecretRedaction.redact("key sk_live_abcDEF123456 and dub_AbCdEfGhIjKlMnOpQrSt1234"));
        assertEquals("secret [redacted]", SecretRedaction.redact("secret whsec_Y2xlcmstZHViLWxlYWRz"));
        assertEquals("dub_unavailable dub_id user_2abc sk_other",
                SecretRedaction.redact("dub_unavailable dub_id user_2abc sk_other"));
    }

    @Test
    void anUnreachableIssuerIsExplainedForClerkNotKeycloak() {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "OIDC server is not available at the "
                + "'https://clerk.example.com' URL. Please make sure it is correct. Note it has to end with a realm value "
                + "if you work with Keycloak, for example: 'https://localhost:8180/auth/realms/quarkus'",
                SecretRedactionTest.class.getName());

        assertTrue(new SecretRedaction().isLoggable(record));

        assertEquals("OIDC server is not available at the 'https://clerk.example.com' URL. Please make sure it is "
                + "correct." + SecretRedaction.CLERK_HINT, record.getFormattedMessage());
    }

    @Test
    void secretsInTheLinesFieldsAreRedactedToo() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "track-lead 401 unauthorized", SecretRedactionTest.class.getName());
        record.putMdc("user", "user_2abc");
        record.putMdc("header", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2lnbmF0dXJl");
        record.putMdc("key", "sk_live_abcDEF123456");

        assertTrue(new SecretRedaction().isLoggable(record));

        assertEquals(Map.of("user", "user_2abc", "header", "Bearer [redacted]", "key", "[redacted]"),
                record.getMdcCopy());
    }
}
