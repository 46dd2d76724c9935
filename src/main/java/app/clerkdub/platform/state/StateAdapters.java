package app.clerkdub.platform.state;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * Chooses the adapter of {@link SharedState} at start: Redis when {@code quarkus.redis.hosts} is set, else this
 * instance's memory. Quarkus' Redis client is only looked up when it is set, so that without Redis nothing connects.
 */
@ApplicationScoped
class StateAdapters {
    private static final Logger LOG = Logger.getLogger(StateAdapters.class);

    @Produces
    @Singleton
    SharedState state(QuotaConfig quota, StateConfig config, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.redis.hosts") Optional<String> hosts,
            Instance<RedisAPI> redis) {
        MemoryState memory = new MemoryState(quota, registry);
        if (hosts.filter(text -> !text.isBlank()).isEmpty()) {
            LOG.info("State: this instance's memory (QUARKUS_REDIS_HOSTS is unset): the budgets, the tracked users and "
                    + "the one run per user hold per instance");
            return memory;
        }
        // Never the URL: it can hold the password.
        LOG.infof("State: shared through Redis (QUARKUS_REDIS_HOSTS), keys under '%s'; a decision Redis does not "
                + "answer within %d ms is made in this instance's memory", config.keyPrefix(), config.timeout().toMillis());
        RedisState shared = new RedisState(redis.get(), config.keyPrefix());
        // Connected at start, not by the first request: a new connection (TLS to a managed Redis above all) can
        // take longer than a decision may wait. Nothing waits for it; a failure here shows at the first decision.
        shared.connect().subscribe().with(ignored -> { }, ignored -> { });
        return new FallbackState(shared, memory, config.timeout(), registry);
    }
}
