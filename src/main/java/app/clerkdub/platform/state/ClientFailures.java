package app.clerkdub.platform.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import app.clerkdub.platform.state.SharedState.Budget;

/**
 * The budget of refused session tokens per client address ({@code quota.client-failures} per {@code quota.period}),
 * kept in {@link SharedState} so that a fleet counts an address's refusals as one. Addresses are kept hashed.
 */
@ApplicationScoped
public class ClientFailures {
    private final SharedState state;
    private final Budget budget;

    ClientFailures(SharedState state, QuotaConfig quota) {
        this.state = state;
        this.budget = new Budget("client_budgets", quota.clientFailures(), quota.period());
    }

    /** How long until the address may be heard again; empty when it may now. */
    public Uni<Optional<Duration>> exhausted(String address) {
        return state.exhausted(budget, hash(address));
    }

    /** The address sent a refused token. */
    public Uni<Void> failed(String address) {
        return state.spend(budget, hash(address));
    }

    static String hash(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
