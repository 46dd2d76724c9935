package app.clerkdub.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import app.clerkdub.api.http.ClientLimit.ClientAddress;

/** The per-address limit's key: IPv4 as it is, IPv6 by its /64, whichever way the address is written. */
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
}
