package app.clerkdub.clerk.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Permission;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * Session tokens that quarkus-oidc has already verified, so that a token sent again within its
 * lifetime (an SPA calls the endpoint more than once per token minute) costs no second RSA
 * verification, as API gateways do (Envoy's {@code jwt_authn} caches verified tokens until they
 * expire).
 * <p>
 * Only tokens that passed every check are stored: signature, issuer, lifetime and
 * {@link SessionClaimsValidator}. What those checks found cannot change while the token lives, except
 * its expiry, so an entry lasts until the token's {@code exp} plus the leeway the service allows
 * ({@code quarkus.oidc.token.lifespan-grace}) and no longer: past that the token goes to quarkus-oidc
 * again, which refuses it. Authorization ({@link SessionPolicy}) is not cached: it runs on every
 * request, on the identity this cache rebuilt.
 * <p>
 * Entries are keyed by the SHA-256 of the token, so any change to it (a tampered payload or signature)
 * misses and is verified. The raw token is neither stored nor logged: an entry holds the token's
 * claims (no signature, so useless as a credential) and the identity's roles and attributes; the
 * principal of each request is rebuilt from them and the token that request presented. The store
 * is bounded ({@code clerk.token-cache.max-size}, 0 turns the cache off); Caffeine evicts the entries
 * least likely to be used again.
 * <p>
 * {@link CachedTokenIdentityProvider} answers from here before quarkus-oidc runs, and
 * {@link VerifiedTokenRecorder} stores what quarkus-oidc verified.
 */
@ApplicationScoped
public class VerifiedTokenCache {
    /** Request attribute: the digest of a token that missed, for the recorder to store under. */
    static final String PENDING_DIGEST = VerifiedTokenCache.class.getName() + ".pending";
    /** Request attributes that belong to the request that verified the token, never to be reused. */
    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();
    private static final String BLOCKING_API = AuthenticationRequestContext.class.getName();

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    });

    private final Cache<Digest, Verified> entries;
    private final long leewayMillis;
    private final Optional<String> principalClaim;
    private volatile Clock clock = Clock.systemUTC();

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder stored = new LongAdder();

    @Inject
    VerifiedTokenCache(TokenCacheConfig config,
            @ConfigProperty(name = "quarkus.oidc.token.lifespan-grace") Optional<Integer> leewaySeconds,
            @ConfigProperty(name = "quarkus.oidc.token.principal-claim") Optional<String> principalClaim) {
        this(config.maxSize(), leewaySeconds.orElse(0), principalClaim);
    }

    VerifiedTokenCache(long maxSize, int leewaySeconds, Optional<String> principalClaim) {
        this.leewayMillis = TimeUnit.SECONDS.toMillis(Math.max(0, leewaySeconds));
        this.principalClaim = principalClaim;
        this.entries = maxSize <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(new UntilTokenExpiry())
                // Eviction on the calling thread: cheap at this size, and no pool thread to wake.
                .executor(Runnable::run)
                .build();
    }

    /** Publishes hits, misses, expiries, stores and size at {@code /q/metrics} ({@code clerk_token_cache_*}). */
    void registerMetrics(@Observes StartupEvent started, Instance<MeterRegistry> registries) {
        if (!registries.isResolvable()) {
            return;
        }
        MeterRegistry registry = registries.get();
        count(registry, "clerk.token.cache.hits", hits,
                "Session tokens answered from the verified-token cache: no RSA verification");
        count(registry, "clerk.token.cache.misses", misses,
                "Session tokens not in the verified-token cache, left to quarkus-oidc to verify");
        count(registry, "clerk.token.cache.expired", expired,
                "Cached session tokens found past exp plus leeway, and verified again");
        count(registry, "clerk.token.cache.stores", stored,
                "Session tokens stored after quarkus-oidc verified them");
        Gauge.builder("clerk.token.cache.size", this, VerifiedTokenCache::size)
                .description("Verified session tokens held now")
                .register(registry);
    }

    private static void count(MeterRegistry registry, String name, LongAdder events, String description) {
        FunctionCounter.builder(name, events, LongAdder::sum).description(description).register(registry);
    }

    boolean enabled() {
        return entries != null;
    }

    /** The digest that keys a token; the token itself is never kept. */
    static Digest digest(String token) {
        MessageDigest sha256 = SHA_256.get();
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
        return new Digest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }

    /**
     * The identity of an earlier verification of this token, rebuilt for the current request, or
     * empty when the token must be verified (unknown, or past its expiry).
     */
    Optional<SecurityIdentity> find(Digest digest, AccessTokenCredential credential, Map<String, Object> requestAttributes,
            AuthenticationRequestContext context) {
        Verified verified = live(digest);
        if (verified == null) {
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(verified.rebuild(credential, principalClaim.orElse(null),
                requestAttributes.get(ROUTING_CONTEXT), context));
    }

    /**
     * The verified claims of this exact token, when it passed every check before, is still within its
     * lifetime, and its claims are {@code enough} for the caller to answer from them alone; empty
     * otherwise, and the token goes through authentication as usual. Counts a hit only when it answers.
     */
    public Optional<Map<String, Object>> verifiedClaims(String token, Predicate<Map<String, Object>> enough) {
        if (entries == null) {
            return Optional.empty();
        }
        Verified verified = live(digest(token));
        if (verified == null || !enough.test(verified.claims())) {
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(verified.claims());
    }

    /** The entry of a token that is still within its lifetime, or null. */
    private Verified live(Digest digest) {
        Verified verified = entries.getIfPresent(digest);
        if (verified != null && clock.millis() >= verified.validUntilMillis()) {
            entries.invalidate(digest);
            expired.increment();
            return null;
        }
        return verified;
    }

    /** Keeps what quarkus-oidc verified, until the token's expiry plus leeway. */
    void store(Digest digest, SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof OidcJwtCallerPrincipal token)) {
            return;
        }
        long exp = token.getExpirationTime();
        if (exp <= 0) {
            return;
        }
        long validUntil = TimeUnit.SECONDS.toMillis(exp) + leewayMillis;
        if (clock.millis() >= validUntil) {
            return;
        }
        Map<String, Object> claims = compact(token.getClaims().getClaimsMap());
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.remove(ROUTING_CONTEXT);
        attributes.remove(BLOCKING_API);
        attributes.values().removeIf(java.util.Objects::isNull); // with a PEM key, OIDC leaves some unset
        entries.put(digest, new Verified(claims, Map.copyOf(attributes),
                Set.copyOf(identity.getRoles()), Set.copyOf(identity.getPermissions()), validUntil));
        stored.increment();
    }

    /**
     * The claims as the principal holds them, custom claims already turned into immutable JSON values,
     * so that each hit copies them instead of parsing the payload again. Held as compactly as they
     * can be: thousands of entries live in the heap at once, and each parse made new strings of the
     * same dozen claim names.
     */
    static Map<String, Object> compact(Map<String, Object> claims) {
        Map<String, Object> copy = new HashMap<>(claims.size() * 2);
        claims.forEach((name, value) -> copy.put(name.intern(), value));
        copy.remove(Claims.raw_token.name());
        return copy.containsValue(null) ? Collections.unmodifiableMap(copy) : Map.copyOf(copy);
    }

    /** Entries held now, after pending evictions. */
    long size() {
        if (entries == null) {
            return 0;
        }
        entries.cleanUp();
        return entries.estimatedSize();
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    long stored() {
        return stored.sum();
    }

    /** For tests: the clock that decides whether an entry has outlived its token. */
    void useClock(Clock replacement) {
        this.clock = replacement;
    }

    /** SHA-256 of a token, as four longs: cheap to compare and hash. */
    record Digest(long a, long b, long c, long d) {
    }

    /** What a verification established about one token: everything but the token itself. */
    record Verified(Map<String, Object> claims, Map<String, Object> attributes, Set<String> roles,
            Set<Permission> permissions, long validUntilMillis) {

        SecurityIdentity rebuild(AccessTokenCredential credential, String principalClaim, Object routingContext,
                AuthenticationRequestContext context) {
            JwtClaims copy = new JwtClaims();
            claims.forEach(copy::setClaim);
            copy.setClaim(Claims.raw_token.name(), credential.getToken());
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new OidcJwtCallerPrincipal(copy, credential, principalClaim))
                    .addCredential(credential)
                    .addRoles(roles)
                    .addPermissions(permissions)
                    .addAttributes(attributes)
                    .addAttribute(BLOCKING_API, context);
            if (routingContext != null) {
                identity.addAttribute(ROUTING_CONTEXT, routingContext);
            }
            return identity.build();
        }
    }

    /** Caffeine drops an entry once the wall clock passes its token's expiry plus leeway. */
    private final class UntilTokenExpiry implements Expiry<Digest, Verified> {
        @Override
        public long expireAfterCreate(Digest key, Verified value, long currentTime) {
            return TimeUnit.MILLISECONDS.toNanos(Math.max(0, value.validUntilMillis() - clock.millis()));
        }

        @Override
        public long expireAfterUpdate(Digest key, Verified value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(Digest key, Verified value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
