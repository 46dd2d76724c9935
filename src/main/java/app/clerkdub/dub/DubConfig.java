package app.clerkdub.dub;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Dub settings; {@code dub.api-key} reads {@code DUB_API_KEY}, and so on. */
@ConfigMapping(prefix = "dub")
public interface DubConfig {
    /** Workspace API key ({@code dub_...}); {@link DubTrackApi} sends it, and a missing one fails the start. */
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

    /** Sent only when set. */
    Optional<LeadMode> leadMode();

    /** Domain attribute used when clearing {@code dub_id}; derived from the request's Origin when unset. */
    Optional<String> cookieDomain();

    /** The modes that record the lead in one call ({@code deferred} needs a second call, so it is not offered). */
    enum LeadMode {
        ASYNC,
        WAIT;

        String wireValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
