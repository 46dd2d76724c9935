package app.clerkdub.clerk;

import java.util.List;

import app.clerkdub.clerk.ClerkClient.ClerkBackendApi;
import app.clerkdub.clerk.ClerkClient.ClerkBackendApi.ClerkErrors;
import app.clerkdub.clerk.ClerkClient.ClerkBackendApi.MetadataUpdate;
import app.clerkdub.clerk.ClerkClient.ClerkUser;
import app.clerkdub.fakes.InMemoryApi;
import app.clerkdub.platform.upstream.UpstreamCalls;
import app.clerkdub.sandbox.Simulation;
import io.smallrye.mutiny.Uni;

/**
 * Clerk's Backend API in memory: the REST client interface, answered by the sandbox's simulated Clerk (users whose
 * metadata a {@code PATCH} deep-merges, organizations, 404 for what it does not hold), its error answers read by
 * the interface's own mapper ({@link ClerkBackendApi#toException}).
 */
public final class InMemoryClerk extends InMemoryApi {
    public static final String SECRET_KEY = "sk_test_in_memory";
    public static final String METADATA = "/metadata";

    public InMemoryClerk(Simulation simulation) {
        super(simulation::clerk, "Bearer " + SECRET_KEY, ClerkErrors.class, ClerkBackendApi::toException);
    }

    /** A real {@link ClerkClient} over this API, under the service's upstream policy. */
    public ClerkClient client(UpstreamCalls calls) {
        return new ClerkClient(as(ClerkBackendApi.class), calls);
    }

    public Uni<ClerkUser> getUser(String userId) {
        return call("GET", "/v1/users/" + userId, null, ClerkUser.class);
    }

    public Uni<Void> updateMetadata(String userId, MetadataUpdate update) {
        return call("PATCH", "/v1/users/" + userId + METADATA, update, Void.class);
    }

    public Uni<ClerkOrganization> getOrganization(String organizationId) {
        return call("GET", "/v1/organizations/" + organizationId, null, ClerkOrganization.class);
    }

    /** The reads of the user sent so far. */
    public List<Sent> userReads(String userId) {
        return sent().stream().filter(call -> call.method().equals("GET")
                && call.path().equals("/v1/users/" + userId)).toList();
    }

    /** The metadata writes for the user sent so far. */
    public List<Sent> metadataWrites(String userId) {
        return sent("PATCH", "/v1/users/" + userId + METADATA);
    }
}
