package app.clerkdub.sandbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.arc.profile.UnlessBuildProfile;

/** Readiness says which upstreams are the sandbox's, as the banner does: the checks beside it ran against them. */
@Readiness
@ApplicationScoped
@UnlessBuildProfile("prod")
public class SandboxReadiness implements HealthCheck {
    static final String NAME = "Sandbox";
    private final boolean clerk;
    private final boolean dub;

    SandboxReadiness(@ConfigProperty(name = SandboxDefaults.CLERK_FLAG, defaultValue = "false") boolean clerk,
            @ConfigProperty(name = SandboxDefaults.DUB_FLAG, defaultValue = "false") boolean dub) {
        this.clerk = clerk;
        this.dub = dub;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).up()
                .withData("clerk", clerk ? "simulated in-process (sandbox)" : "real")
                .withData("dub", dub ? "simulated in-process (sandbox)" : "real").build();
    }
}
