package app.clerkdub.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.runtime.Startup;

/**
 * The users, organizations and sessions of the sandbox Clerk instance, in memory. Made at start, on the main
 * thread: its signer generates an RSA key, which takes too long for the event loop where the first sign-up or
 * key-set fetch would otherwise make it.
 */
@Startup
@ApplicationScoped
@UnlessBuildProfile("prod")
public class ClerkSandbox {
    private final ConcurrentMap<String, ClerkUser> users = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ClerkOrganization> organizations = new ConcurrentHashMap<>();
    /** Session id to the user it belongs to and the origin it was created from (the {@code azp}). */
    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final SessionSigner signer;
    private final String issuer;

    record Session(String id, String userId, String origin) {
    }

    @Inject
    ClerkSandbox(@ConfigProperty(name = "clerk.issuer") String issuer) {
        this(issuer, new SessionSigner(SandboxIds.next("ins_sandbox_", 20)));
    }

    ClerkSandbox(String issuer, SessionSigner signer) {
        this.issuer = issuer;
        this.signer = signer;
    }

    /** The Frontend API's key set, where quarkus-oidc fetches the key of the session tokens. */
    String jwks() {
        return signer.jwks();
    }

    /** A new user with an active session, as a finished sign-up leaves it. */
    SignedUp signUp(SignUpRequest request, String origin) {
        long now = System.currentTimeMillis();
        String id = SandboxIds.next("user_", 27);
        ClerkUser user = new ClerkUser(id, null, blankToNull(request.firstName()), blankToNull(request.lastName()),
                blankToNull(request.email()), "https://img.clerk.com/sandbox/" + id + ".png", Map.of(), Map.of(),
                request.unsafeMetadata() == null ? Map.of() : Map.copyOf(request.unsafeMetadata()), now, now);
        users.put(id, user);
        Session session = new Session(SandboxIds.next("sess_", 27), id, origin);
        sessions.put(session.id(), session);
        return new SignedUp(user.fields(), session.id(), token(session, user), null);
    }

    /** A fresh session token carrying the user's current metadata, as Clerk's 60-second refresh gives. */
    Optional<String> freshToken(String sessionId) {
        Session session = sessions.get(sessionId);
        if (session == null) {
            return Optional.empty();
        }
        return user(session.userId()).map(user -> token(session, user));
    }

    /** A user as it is now, replacing one of the same id. */
    void put(ClerkUser user) {
        users.put(user.id(), user);
    }

    /** The user deleted, with every session of theirs; empty when there was no such user. */
    Optional<ClerkUser> delete(String userId) {
        sessions.values().removeIf(session -> session.userId().equals(userId));
        return Optional.ofNullable(users.remove(userId));
    }

    public Optional<ClerkUser> user(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    /** An organization as it is now, replacing one of the same id. */
    void put(ClerkOrganization organization) {
        organizations.put(organization.id(), organization);
    }

    public Optional<ClerkOrganization> organization(String organizationId) {
        return Optional.ofNullable(organizations.get(organizationId));
    }

    /** Deep-merges each given metadata object, atomically for the user. */
    Optional<ClerkUser> mergeMetadata(String userId, MetadataPatch patch) {
        return Optional.ofNullable(users.computeIfPresent(userId, (id, user) -> user.merged(patch.publicMetadata(),
                patch.privateMetadata(), patch.unsafeMetadata(), System.currentTimeMillis())));
    }

    private String token(Session session, ClerkUser user) {
        return signer.sign(SessionSigner.claims(issuer, user.id(), session.id(), session.origin(),
                user.publicMetadata()));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
