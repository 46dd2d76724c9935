package app.clerkdub.platform.state;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Brings a result back to the Vert.x context of the code that asks for it: whichever thread answered (Redis'
 * connection, an upstream's, a timer, another request's run), the caller's next step runs on its own event loop,
 * where what its request keeps in its context is.
 */
public final class CallerContext {
    private CallerContext() {
    }

    /** {@code result}, delivered on the context current now; as it is where there is none. Call where the caller runs. */
    public static <T> Uni<T> resumeOnCaller(Uni<T> result) {
        Context caller = Vertx.currentContext();
        return caller == null ? result : result.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }
}
