package app.clerkdub.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.profile.UnlessBuildProfile;

/** The users and sessions of the sandbox Clerk instance, in memory. */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class ClerkSandbox {
    private final ConcurrentMap<String, SandboxUser> users = new ConcurrentHashMap<>();
    /** Session id to the user it belongs to and the origin it was created from (the {@code azp}). */
    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final SessionSigner signer;

    record Session(String id, String userId, String origin) {
    }

    ClerkSandbox(SessionSigner signer) {
        this.signer = signer;
    }

    /** A new user with an active session, as a finished sign-up leaves it. */
    SignedUp signUp(SignUpRequest request, String origin) {
        long now = System.currentTimeMillis();
        String id = SandboxIds.next("user_", 27);
        SandboxUser user = new SandboxUser(id, blankToNull(request.firstName()), blankToNull(request.lastName()),
                blankToNull(request.email()), Map.of(), Map.of(), Map.of(), now, now);
        users.put(id, user);
        Session session = new Session(SandboxIds.next("sess_", 27), id, origin);
        sessions.put(session.id(), session);
        return new SignedUp(user.toClerkJson(), session.id(), token(session, user));
    }

    /** A fresh session token carrying the user's current metadata, as Clerk's 60-second refresh gives. */
    Optional<String> freshToken(String sessionId) {
        Session session = sessions.get(sessionId);
        if (session == null) {
            return Optional.empty();
        }
        return user(session.userId()).map(user -> token(session, user));
    }

    public Optional<SandboxUser> user(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    /** Deep-merges each given metadata object, atomically for the user. */
    Optional<SandboxUser> mergeMetadata(String userId, MetadataPatch patch) {
        return Optional.ofNullable(users.computeIfPresent(userId, (id, user) -> user.withMetadata(
                Metadata.deepMerge(user.publicMetadata(), patch.publicMetadata()),
                Metadata.deepMerge(user.privateMetadata(), patch.privateMetadata()),
                Metadata.deepMerge(user.unsafeMetadata(), patch.unsafeMetadata()),
                System.currentTimeMillis())));
    }

    private String token(Session session, SandboxUser user) {
        return signer.sign(user.id(), session.id(), session.origin(), user.publicMetadata());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
