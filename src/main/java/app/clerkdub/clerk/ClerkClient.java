package app.clerkdub.clerk;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import app.clerkdub.clerk.ClerkBackendApi.MetadataUpdate;
import app.clerkdub.platform.upstream.Upstream;
import app.clerkdub.platform.upstream.UpstreamCalls;
import app.clerkdub.platform.upstream.UpstreamException;
import app.clerkdub.platform.upstream.UpstreamException.Kind;
import io.smallrye.mutiny.Uni;

/**
 * Clerk's Backend API as this service needs it. Each operation is retried and has a circuit breaker
 * of its own; every failure leaves here as an {@link UpstreamException}. The calls are timed as
 * {@code clerk_get_user}, {@code clerk_update_metadata} and {@code clerk_get_organization}.
 */
@ApplicationScoped
public class ClerkClient {
    private final ClerkBackendApi api;
    private final UpstreamCalls.Operation getUser;
    private final UpstreamCalls.Operation updateMetadata;
    private final UpstreamCalls.Operation getOrganization;

    ClerkClient(@RestClient ClerkBackendApi api, UpstreamCalls calls) {
        this.api = api;
        this.getUser = calls.operation(Upstream.CLERK, "get_user");
        this.updateMetadata = calls.operation(Upstream.CLERK, "update_metadata");
        this.getOrganization = calls.operation(Upstream.CLERK, "get_organization");
    }

    /** The user's current record, or empty when Clerk no longer knows the user. */
    public Uni<Optional<ClerkUser>> find(String userId) {
        return getUser.call(() -> api.getUser(userId)
                .map(Optional::of)
                .onFailure(UpstreamException.is(Kind.NOT_FOUND)).recoverWithItem(Optional.empty()));
    }

    /**
     * Deep-merges {@code dubClickId} into the user's public metadata, and the fingerprint of the customer Dub holds
     * ({@value ClerkUser#CUSTOMER_KEY}, null when Dub holds none) into the private metadata; other keys are kept.
     */
    public Uni<Void> recordClickId(String userId, ClickIdMetadata mark, String customerFingerprint) {
        return updateMetadata.call(() -> api.updateMetadata(userId,
                MetadataUpdate.clickId(mark.value(), customerFingerprint)));
    }

    /** Deep-merges {@code dubClickId} and {@code dubLead} (deferred mode), with the customer's fingerprint. */
    public Uni<Void> recordLead(String userId, ClickIdMetadata mark, LeadState state, String customerFingerprint) {
        return updateMetadata.call(() -> api.updateMetadata(userId,
                MetadataUpdate.lead(mark, state, customerFingerprint)));
    }

    /** Deep-merges the fingerprint of what Dub now holds about the user into the user's private metadata. */
    public Uni<Void> recordCustomer(String userId, String customerFingerprint) {
        return updateMetadata.call(() -> api.updateMetadata(userId, MetadataUpdate.customerSent(customerFingerprint)));
    }

    /** Deep-merges {@code dubLead} alone into the user's public metadata. */
    public Uni<Void> recordLeadState(String userId, LeadState state) {
        return updateMetadata.call(() -> api.updateMetadata(userId, MetadataUpdate.leadState(state)));
    }

    /** The organization as it is now, or empty when Clerk no longer knows it. */
    public Uni<Optional<ClerkOrganization>> organization(String organizationId) {
        return getOrganization.call(() -> api.getOrganization(organizationId)
                .map(Optional::of)
                .onFailure(UpstreamException.is(Kind.NOT_FOUND)).recoverWithItem(Optional.empty()));
    }
}
