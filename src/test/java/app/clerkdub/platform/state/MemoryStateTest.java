package app.clerkdub.platform.state;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The contract, on the memory of one instance: the default, and the fallback while Redis is away. */
class MemoryStateTest extends SharedStateContract {
    private final MemoryState state = new MemoryState(Quotas.defaults(), new SimpleMeterRegistry());

    @Override
    SharedState state() {
        return state;
    }
}
