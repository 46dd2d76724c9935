package app.clerkdub.lead;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * {@link ErasedUsers} in this instance's memory, the default where no shared store replaces it: bounded and expiring,
 * so that a flood of deletions cannot fill the heap. Two days cover Svix's retries of a sign-up (about a day and a
 * half); a user forgotten sooner is still refused by Clerk's 404. The map's shape (bounded by size, expiring after
 * write) is Caffeine's {@code SSMSW} with nodes {@code PSWMS}, loaded by name: registered for the native image.
 */
@ApplicationScoped
@DefaultBean
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMSW",
        "com.github.benmanes.caffeine.cache.PSWMS" })
public class RecentlyErasedUsers implements ErasedUsers {
    static final Duration REMEMBERED_FOR = Duration.ofDays(2);
    static final int MOST_USERS = 50_000;

    private final Cache<String, Boolean> erased;

    RecentlyErasedUsers(MeterRegistry registry) {
        this.erased = Caffeine.newBuilder().maximumSize(MOST_USERS).expireAfterWrite(REMEMBERED_FOR).build();
        Gauge.builder("erased.users", erased, cache -> {
            cache.cleanUp();
            return cache.estimatedSize();
        }).description("Users deleted lately whose late sign-ups this instance refuses").register(registry);
    }

    @Override
    public Uni<Void> markErased(String userId) {
        erased.put(userId, Boolean.TRUE);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Boolean> isErased(String userId) {
        return Uni.createFrom().item(erased.getIfPresent(userId) != null);
    }
}
