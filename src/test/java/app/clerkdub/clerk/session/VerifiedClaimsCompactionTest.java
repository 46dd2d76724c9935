package app.clerkdub.clerk.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What an entry keeps of a token's claims: all of them but the raw token, under shared names, read-only. */
class VerifiedClaimsCompactionTest {

    @Test
    void claimsAreKeptUnderSharedNamesWithoutTheRawToken() {
        Map<String, Object> claims = new HashMap<>();
        String name = new String("sub".toCharArray()); // a fresh string, as each parse makes
        claims.put(name, "user_1");
        claims.put("exp", 1_900_000_000L);
        claims.put("raw_token", "eyJ.a.b");

        Map<String, Object> kept = VerifiedTokenCache.compact(claims);

        assertEquals(Map.of("sub", "user_1", "exp", 1_900_000_000L), kept);
        String keptName = kept.keySet().stream().filter("sub"::equals).findFirst().orElseThrow();
        assertSame("sub", keptName, "the name is the shared instance, not the parse's copy");
        assertThrows(UnsupportedOperationException.class, () -> kept.put("sub", "user_2"));
    }

    @Test
    void nullClaimsAreKept() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("metadata", null);
        claims.put("sub", "user_1");

        Map<String, Object> kept = VerifiedTokenCache.compact(claims);

        assertTrue(kept.containsKey("metadata"));
        assertNull(kept.get("metadata"));
        assertFalse(kept.containsKey("raw_token"));
        assertThrows(UnsupportedOperationException.class, () -> kept.remove("sub"));
    }
}
