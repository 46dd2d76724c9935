package app.clerkdub.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.profile.UnlessBuildProfile;

/**
 * What Clerk's webhooks (through Svix) do for the sandbox: an event in Clerk's envelope, signed by
 * {@link WebhookSigner} with the endpoint's secret ({@code clerk.webhook.signing-secret}, which the sandbox
 * defaults set), POSTed to the service's {@code /webhooks/clerk}. One try: the demo shows the answer.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class ClerkWebhookSender {
    public static final String PATH = "/webhooks/clerk";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final ObjectMapper json;
    private final Optional<String> serviceUrl;
    private final Optional<String> secret;

    /** One delivery and the service's answer, for the demo page. */
    public record WebhookDelivery(Instant timestamp, String messageId, String type, int status, String answer) {
    }

    ClerkWebhookSender(ObjectMapper json,
            @ConfigProperty(name = SandboxDefaults.SERVICE_URL) Optional<String> serviceUrl,
            @ConfigProperty(name = "clerk.webhook.signing-secret") Optional<String> secret) {
        this.json = json;
        this.serviceUrl = serviceUrl;
        this.secret = secret.filter(value -> !value.isBlank());
    }

    /** Sends the event; completes with the delivery once the service answered (never fails). */
    CompletionStage<WebhookDelivery> send(String type, Map<String, Object> data) {
        String messageId = SandboxIds.next("msg_", 27);
        if (serviceUrl.isEmpty() || secret.isEmpty()) {
            return CompletableFuture.completedFuture(record(new WebhookDelivery(Instant.now(), messageId, type, 0,
                    "not sent: the sandbox has no " + (secret.isEmpty() ? "signing secret" : "service URL"))));
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("data", data);
        event.put("object", "event");
        event.put("type", type);
        event.put("timestamp", System.currentTimeMillis());
        event.put("instance_id", "ins_sandbox");
        byte[] body;
        try {
            body = json.writeValueAsBytes(event);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
        long now = System.currentTimeMillis() / 1000;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serviceUrl.get() + PATH))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        WebhookSigner.headers(secret.get(), messageId, now, body).forEach(request::header);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(answer -> new WebhookDelivery(Instant.now(), messageId, type, answer.statusCode(), answer.body()))
                .exceptionally(failure -> new WebhookDelivery(Instant.now(), messageId, type, 0, failure.toString()))
                .thenApply(this::record);
    }

    /** Every delivery so far, newest first. */
    public List<WebhookDelivery> deliveries() {
        List<WebhookDelivery> newestFirst = new ArrayList<>(deliveries);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private WebhookDelivery record(WebhookDelivery delivery) {
        deliveries.add(delivery);
        return delivery;
    }
}
