package app.clerkdub.clerk.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of {@link VerifiedTokenCache}; {@code clerk.token-cache.max-size} reads {@code CLERK_TOKEN_CACHE_MAX_SIZE}. */
@ConfigMapping(prefix = "clerk.token-cache")
public interface TokenCacheConfig {
    /** The most verified tokens held at once; 0 turns the cache off. */
    @WithDefault("10000")
    long maxSize();
}
