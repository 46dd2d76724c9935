package app.clerkdub.clerk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Not ready while Clerk refuses {@code CLERK_SECRET_KEY}: a key of another instance or environment, or one
 * revoked, starts cleanly and would fail every lead with 502. One authenticated read of the Backend API (the
 * instance's JWKS) at start, logged when refused, then at each probe until Clerk has taken the key once (a key
 * taken stays taken for the life of the process). Only Clerk's 401 or 403 says the key is wrong; any other
 * answer or failure says nothing about it, so it leaves readiness to the other checks (the session-token keys
 * tell an unreachable Clerk).
 */
@Readiness
@ApplicationScoped
public class SecretKeyReadiness implements AsyncHealthCheck {
    static final String NAME = "Clerk secret key";
    private static final Logger LOG = Logger.getLogger(SecretKeyReadiness.class);

    private final ClerkInstanceApi instance;
    private volatile boolean accepted;

    SecretKeyReadiness(@RestClient ClerkInstanceApi instance) {
        this.instance = instance;
    }

    void atStart(@Observes StartupEvent start) {
        call().subscribe().with(answer -> {
            if (answer.getStatus() == HealthCheckResponse.Status.DOWN) {
                LOG.warn(answer.getData().map(data -> data.get("reason")).orElse(NAME + " refused"));
            }
        }, failure -> { });
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (accepted) {
            return Uni.createFrom().item(up("accepted"));
        }
        return instance.jwks()
                .map(answer -> verdict(answer.getStatus()))
                .onFailure().recoverWithItem(failure -> verdict(statusOf(failure)));
    }

    private HealthCheckResponse verdict(int status) {
        if (status == 401 || status == 403) {
            return HealthCheckResponse.named(NAME).down().withData("reason", "CLERK_SECRET_KEY is refused by "
                    + "Clerk's Backend API (HTTP " + status + "): use the secret key of this Clerk instance and "
                    + "environment, from the API keys page of Clerk's dashboard").build();
        }
        if (status >= 200 && status < 300) {
            accepted = true;
            return up("accepted");
        }
        return up("not checked yet (Clerk answered " + (status == 0 ? "nothing" : "HTTP " + status) + ")");
    }

    /** The status of an error answer, which the REST client hands over as an exception; 0 when none came. */
    private static int statusOf(Throwable failure) {
        return failure instanceof WebApplicationException answered && answered.getResponse() != null
                ? answered.getResponse().getStatus()
                : 0;
    }

    private static HealthCheckResponse up(String state) {
        return HealthCheckResponse.named(NAME).up().withData("state", state).build();
    }
}
