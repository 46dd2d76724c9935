package app.clerkdub.platform.state;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * Clerk Backend API requests per period for the whole app ({@code CLERK_RATE_LIMIT}, written {@code N/period}:
 * {@link Rate}), beside the rest of Clerk's settings. Clerk allows 1000 per 10 s on a production instance (100 on a
 * development one). Lower it when other code uses the same instance.
 */
@RegisterForReflection
@ConfigMapping(prefix = "clerk")
public interface ClerkRate {
    @WithDefault("1000/10s")
    @WithConverter(Rate.Converter.class)
    Rate rateLimit();
}
