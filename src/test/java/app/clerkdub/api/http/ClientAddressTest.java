package app.clerkdub.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import app.clerkdub.api.http.FrontDoor.ClientLimit.ClientAddress;

/**
 * The per-address limit's key: IPv4 as it is, IPv6 by its /64, whichever way the address is written; kept in the shared
 * state only hashed.
 */
class ClientAddressTest {

    @Test
    void ipv4IsItsOwnKey() {
        assertEquals("203.0.113.5", ClientAddress.key("203.0.113.5"));
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareAKey() {
        String key = ClientAddress.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        assertEquals("20010db800010002::/64", key);
        assertEquals(key, ClientAddress.key("2001:db8:1:2::1"));
        assertEquals(key, ClientAddress.key("2001:0db8:0001:0002:0:0:0:ffff"));
    }

    @Test
    void whatIsNoAddressIsNeverLookedUp() {
        assertEquals("zz:not-an-address", ClientAddress.key("zz:not-an-address"));
    }

    @Test
    void theSharedStateKeepsAnAddressOnlyHashed() {
        String kept = FrontDoor.ClientLimit.hashed("203.0.113.9");
        assertTrue(kept.matches("[0-9a-f]{32}"), kept);
        assertEquals(kept, FrontDoor.ClientLimit.hashed("203.0.113.9"));
    }
}
