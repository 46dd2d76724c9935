package app.clerkdub.api.http;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.lead.LeadConfig;
import io.smallrye.mutiny.Uni;

/**
 * The most one call may take, retries included ({@code lead.deadline}), for every way in that is not the
 * endpoint itself (which applies its own setting): past it the caller hears 504 {@code upstream_timeout}
 * while the flow still finishes, and nothing is lost, because a user is only marked once Dub holds the lead.
 * The time limit itself is the upstream policy's ({@link app.clerkdub.platform.upstream.Deadline}).
 */
@ApplicationScoped
public class Deadline {
    private final Duration limit;
    private final app.clerkdub.platform.upstream.Deadline limiter;

    Deadline(LeadConfig lead, app.clerkdub.platform.upstream.Deadline limiter) {
        this.limit = lead.deadline();
        this.limiter = limiter;
    }

    public <T> Uni<T> bound(Uni<T> work) {
        return limiter.bound(work, limit);
    }
}
