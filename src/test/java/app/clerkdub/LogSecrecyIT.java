package app.clerkdub;

/** The same check on the packaged jar's log, after the integration tests (it writes to the same file). */
class LogSecrecyIT extends LogSecrecyTest {
}
