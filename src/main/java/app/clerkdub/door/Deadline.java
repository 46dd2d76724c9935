package app.clerkdub.door;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.lead.DeadlineExceededException;
import app.clerkdub.lead.LeadConfig;
import io.smallrye.mutiny.Uni;

/**
 * The most one call may take, retries included ({@code lead.deadline}), for every way in that is not the
 * endpoint itself (which applies its own setting): past it the caller hears 504 {@code upstream_timeout}
 * while the flow still finishes, and nothing is lost, because a user is only marked once Dub holds the lead.
 */
@ApplicationScoped
public class Deadline {
    private final Duration limit;

    Deadline(LeadConfig lead) {
        this.limit = lead.deadline();
    }

    public <T> Uni<T> bound(Uni<T> work) {
        return work.ifNoItem().after(limit).failWith(() -> new DeadlineExceededException(limit));
    }
}
