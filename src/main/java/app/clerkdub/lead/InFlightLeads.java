package app.clerkdub.lead;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Requests for the same user that overlap share one upstream flow: an SPA that fires twice, or
 * twenty tabs at once, make one Dub request and one metadata update, and every caller gets its
 * outcome. The flow runs to its end even when its callers stop waiting (a deadline, a closed tab),
 * so that a lead Dub accepted is always recorded on the user. Once it ends, the next request starts
 * afresh and finds the user tracked.
 */
@ApplicationScoped
public class InFlightLeads {
    private final ConcurrentMap<String, CompletableFuture<LeadResult>> running = new ConcurrentHashMap<>();

    Uni<LeadResult> join(String userId, Supplier<Uni<LeadResult>> flow) {
        return Uni.createFrom().emitter(emitter -> {
            // A caller that joined another's flow is answered on its own event loop, not the flow's.
            Context caller = Vertx.currentContext();
            CompletableFuture<LeadResult> mine = new CompletableFuture<>();
            CompletableFuture<LeadResult> shared = running.putIfAbsent(userId, mine);
            if (shared == null) {
                shared = mine;
                start(userId, mine, flow);
            }
            shared.whenComplete((result, failure) -> onContext(caller, () -> {
                if (failure != null) {
                    emitter.fail(failure);
                } else {
                    emitter.complete(result);
                }
            }));
        });
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null || context == Vertx.currentContext()) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    private void start(String userId, CompletableFuture<LeadResult> outcome, Supplier<Uni<LeadResult>> flow) {
        Uni.createFrom().<LeadResult>deferred(flow::get).subscribe().with(
                result -> {
                    running.remove(userId, outcome);
                    outcome.complete(result);
                },
                failure -> {
                    running.remove(userId, outcome);
                    outcome.completeExceptionally(failure);
                });
    }
}
