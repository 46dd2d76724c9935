package app.clerkdub.sandbox;

/** What the demo's sign-up form sends. */
record SignUpRequest(String firstName, String lastName, String email) {
}
