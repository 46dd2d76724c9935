package app.clerkdub.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import app.clerkdub.api.http.TrackLeadResource.DubIdCookie;

class DubIdCookieTest {
    static final List<String> ALLOWED = List.of("https://www.example.com", "https://app.example.com",
            "http://localhost:3000", "http://127.0.0.1:8080");

    @Test
    void domainIsDerivedAsDubsScriptDoesIt() {
        assertEquals(Optional.of(".example.com"), DubIdCookie.derivedDomain("https://www.example.com", ALLOWED));
        assertEquals(Optional.of(".app.example.com"), DubIdCookie.derivedDomain("https://app.example.com", ALLOWED));
        assertEquals(Optional.empty(), DubIdCookie.derivedDomain("http://localhost:3000", ALLOWED));
        assertEquals(Optional.empty(), DubIdCookie.derivedDomain("http://127.0.0.1:8080", ALLOWED));
    }

    @Test
    void anOriginThatIsNotAllowedGivesNoDomain() {
        assertEquals(Optional.empty(), DubIdCookie.derivedDomain("https://evil.example.net", ALLOWED));
        assertEquals(Optional.empty(), DubIdCookie.derivedDomain(null, ALLOWED));
    }

    @Test
    void aConfiguredDomainWins() {
        assertEquals("dub_id=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Domain=.shop.example",
                DubIdCookie.cleared(Optional.of(".shop.example"), "https://www.example.com", ALLOWED));
    }
}
