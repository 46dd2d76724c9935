package app.clerkdub.sandbox;

import java.util.Map;

/**
 * What the demo's sign-up form sends; {@code unsafeMetadata} as Clerk's {@code <SignUp unsafeMetadata>} takes it
 * (the demo puts the {@code dub_id} click there, and {@code user.created} carries it to the service).
 */
record SignUpRequest(String firstName, String lastName, String email, Map<String, Object> unsafeMetadata) {
}
