package app.clerkdub.api.http;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.lead.LeadConfig;
import app.clerkdub.platform.upstream.Deadline;
import io.smallrye.mutiny.Uni;

/**
 * The most one call of either door may take, retries included ({@code lead.deadline}): past it the caller hears 504
 * {@code upstream_timeout} while the flow still finishes, and nothing is lost, because a user is only marked once
 * Dub holds the lead. The time limit itself is the upstream policy's ({@link Deadline}).
 */
@ApplicationScoped
public class RequestDeadline {
    private final Duration limit;
    private final Deadline limiter;

    RequestDeadline(LeadConfig lead, Deadline limiter) {
        this.limit = lead.deadline();
        this.limiter = limiter;
    }

    public <T> Uni<T> bound(Uni<T> work) {
        return limiter.bound(work, limit);
    }
}
