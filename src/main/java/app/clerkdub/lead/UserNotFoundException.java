package app.clerkdub.lead;

/** The token is valid, but Clerk no longer has its user (deleted within the token's last minute). */
public class UserNotFoundException extends RuntimeException {
    UserNotFoundException() {
        super("Clerk has no user for this session", null, false, false);
    }
}
