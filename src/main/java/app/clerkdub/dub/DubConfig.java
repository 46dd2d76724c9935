package app.clerkdub.dub;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Dub settings; {@code dub.api-key} reads {@code DUB_API_KEY}, and so on. */
@ConfigMapping(prefix = "dub")
public interface DubConfig {
    /**
     * Workspace API key ({@code dub_...}): the Authorization header of every request to Dub
     * ({@code quarkus.rest-client.dub-api.headers}); a missing one fails the start.
     */
    String apiKey();

    /** API base URL: the one place of its default, which {@code quarkus.rest-client.dub-api.url} reads. */
    @WithDefault("https://api.dub.co")
    URI apiUrl();

    /** Dub dedups leads per customer and event name for 7 days, so keep this stable. */
    @WithDefault("Sign Up")
    String leadEventName();

    /** The event name of sales (Clerk Billing payments); Dub's own default. */
    @WithDefault("Purchase")
    String saleEventName();

    /** Sent only when set; {@code deferred} records the lead only once the user qualifies ({@code DUB_QUALIFY_ON}, mapped by the lead core). */
    Optional<LeadMode> leadMode();

    /**
     * In deferred mode, the event name of the lead sent when the user qualifies, and the {@code leadEventName}
     * of sales. Dub dedups it per customer for 7 days, as any lead: keep it stable.
     */
    @WithDefault("Qualified Lead")
    String qualifiedLeadEventName();

    /** Whether sign-ups send Dub's deferred lead, leaving the lead to a qualification. */
    default boolean deferred() {
        return leadMode().filter(LeadMode.DEFERRED::equals).isPresent();
    }

    /** Domain attribute used when clearing {@code dub_id}; derived from the request's Origin when unset. */
    Optional<String> cookieDomain();

    /**
     * Dub's modes: {@code async} and {@code wait} record the lead in one call; {@code deferred} only stores the
     * click on the customer, and the lead is recorded by a second call when the user qualifies.
     */
    enum LeadMode {
        ASYNC,
        WAIT,
        DEFERRED;

        String wireValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
