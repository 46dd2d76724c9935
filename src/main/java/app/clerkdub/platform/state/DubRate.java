package app.clerkdub.platform.state;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * Dub's requests per period for the whole app ({@code DUB_RATE_LIMIT}, written {@code N/period}: {@link Rate}),
 * beside the rest of Dub's settings. Dub limits each API key per minute, for every endpoint but analytics: 1200 on
 * Business, the smallest plan with the track endpoints. Lower it when other code uses the same key.
 */
@RegisterForReflection
@ConfigMapping(prefix = "dub")
public interface DubRate {
    @WithDefault("1200/1m")
    @WithConverter(Rate.Converter.class)
    Rate rateLimit();
}
