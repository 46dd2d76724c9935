package app.clerkdub.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.clerkdub.dub.DubClient.DubTrackApi.DubErrorBody;

/** The sandbox Dub's dedup, as Dub's server does it, including its 7-day window. */
class DubSandboxTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final MovableClock clock = new MovableClock();
    final DubSandbox dub = new DubSandbox(clock);
    final String click = dub.click("launch", URI.create("http://localhost:8080/"));

    @Test
    void sameCustomerAndNormalisedEventNameIsADuplicateForSevenDays() {
        assertNotNull(link(dub.trackLead(lead(click, "user_1", "Sign Up"))));
        assertNull(link(dub.trackLead(lead(click, "user_1", "sign-up"))), "duplicate: link is null");
        assertNotNull(link(dub.trackLead(lead(click, "user_1", "Trial Started"))), "another event name");
        assertNotNull(link(dub.trackLead(lead(click, "user_2", "Sign Up"))), "another customer");

        clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertNull(link(dub.trackLead(lead(click, "user_1", "SIGN UP"))));
        clock.advance(Duration.ofSeconds(2));
        assertNotNull(link(dub.trackLead(lead(click, "user_1", "Sign Up"))), "the key expired");
        assertEquals(4, dub.leads().size());
    }

    @Test
    void unknownClickIs404AndStillSpendsTheDedupKey() {
        DubReply unknown = dub.trackLead(lead("nope", "user_1", "Sign Up"));
        assertEquals(404, unknown.status());
        DubErrorBody.Error error = ((DubErrorBody) unknown.body()).error();
        assertEquals("not_found", error.code());
        assertEquals("Click event not found for clickId: nope", error.message());
        assertEquals("https://dub.co/docs/api-reference/errors#not-found", error.docUrl());

        DubReply retried = dub.trackLead(lead(click, "user_1", "Sign Up"));
        assertEquals(200, retried.status());
        assertNull(link(retried), "the key was stored before the click lookup");
        assertEquals(0, dub.leads().size());
    }

    @Test
    void missingCustomerIs400AndEmptyEventNameIs422() {
        assertEquals(400, dub.trackLead(lead(click, "", "Sign Up")).status());
        assertEquals(422, dub.trackLead(lead(click, "user_1", " ")).status());
    }

    @SuppressWarnings("unchecked")
    private static Object link(DubReply reply) {
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        return ((Map<String, Object>) reply.body()).get("link");
    }

    private static JsonNode lead(String clickId, String externalId, String eventName) {
        return JSON.valueToTree(Map.of("clickId", clickId, "customerExternalId", externalId, "eventName", eventName,
                "customerEmail", "ada@example.com"));
    }

    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
