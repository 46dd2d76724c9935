package app.clerkdub.api.webhook;

import static app.clerkdub.fakes.ClerkWebhooks.deliver;
import static app.clerkdub.fakes.ClerkWebhooks.newMessageId;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.ServiceLog;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The dispatcher reaches every {@link ClerkEvents.EventHandler} bean by its event type; the tests' own {@link PingEvents} proves it. */
@QuarkusTest
@WithTestResource(Fakes.class)
class EventHandlersTest {
    @Inject
    PingEvents pings;

    @Test
    void aHandlerBeanIsReachedByItsEventTypeAndItsOutcomeIsTheAnswer() {
        ObjectNode event = new ObjectMapper().createObjectNode().put("type", PingEvents.TYPE);
        event.putObject("data").put("id", "user_ping");
        String messageId = newMessageId();

        deliver(event, messageId).then().statusCode(200)
                .body("event", equalTo(PingEvents.TYPE)).body("result", equalTo("ponged"));

        assertEquals(List.of("user_ping"), pings.received());
        ServiceLog.awaitLine("webhook " + PingEvents.TYPE + " 200 ponged id=" + messageId + " user=user_ping ");
    }
}
