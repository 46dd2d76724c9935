package app.clerkdub.dub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import app.clerkdub.dub.DubClient.Customer;

class CustomerTest {

    @Test
    void emailsDubWouldRefuseAreLeftOut() {
        assertEquals("ada@example.com", email("ada@example.com"));
        assertNull(email("ada@localhost"));
        assertNull(email(".ada@example.com"));
        assertNull(email("ada..l@example.com"));
        assertNull(email("a".repeat(95) + "@ex.com"));
    }

    @Test
    void longNamesAreCutTo100UnitsWithoutSplittingACharacter() {
        assertEquals("N".repeat(100), name("N".repeat(150)));
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        String cut = name("N".repeat(99) + emoji + "tail");
        assertEquals("N".repeat(99), cut);
    }

    private static String email(String address) {
        return Customer.of("user_1", Optional.empty(), Optional.of(address), Optional.empty()).email();
    }

    private static String name(String text) {
        return Customer.of("user_1", Optional.of(text), Optional.empty(), Optional.empty()).name();
    }
}
