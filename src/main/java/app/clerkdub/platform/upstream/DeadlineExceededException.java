package app.clerkdub.platform.upstream;

/** The whole request ran past its deadline while an upstream was still working. */
public class DeadlineExceededException extends RuntimeException {
    public DeadlineExceededException(java.time.Duration deadline) {
        super("The upstreams did not finish within " + deadline.toMillis() + " ms; nothing was recorded "
                + "that a retry cannot complete", null, false, false);
    }
}
