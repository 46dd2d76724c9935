package app.clerkdub.lead;

import java.util.Locale;

/**
 * How a use case ended, in the one word every door uses for it: the endpoint's {@code status}, the webhook's
 * {@code result}, the log line's outcome and the metric's tag. Each use case has its own enum of them.
 */
public interface Outcome {
    String name();

    default String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
