package app.clerkdub.sandbox;

import java.util.Map;

/** The answer to a sandbox sign-up: the Clerk user, its session and a first session token. */
record SignedUp(Map<String, Object> user, String sessionId, String jwt) {
}
