package app.clerkdub.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.runtime.StartupEvent;

/** Says loudly at start which upstreams are simulated, so that nobody mistakes the sandbox for the real thing. */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class SandboxBanner {
    private static final Logger LOG = Logger.getLogger(SandboxBanner.class);

    void announce(@Observes StartupEvent start,
            @ConfigProperty(name = SandboxDefaults.CLERK_FLAG, defaultValue = "false") boolean clerk,
            @ConfigProperty(name = SandboxDefaults.DUB_FLAG, defaultValue = "false") boolean dub) {
        LOG.warn(text(clerk, dub));
    }

    static String text(boolean clerk, boolean dub) {
        String line = "*".repeat(78);
        return "\n" + line
                + "\n  SANDBOX BUILD: not for production. Endpoints under /_sandbox/ and the demo page at /"
                + "\n  Clerk: " + (clerk ? "SANDBOX (simulated in-process; set CLERK_SECRET_KEY to use Clerk)" : "real")
                + "\n  Dub:   " + (dub ? "SANDBOX (simulated in-process; set DUB_API_KEY to use Dub)" : "real")
                + "\n" + line;
    }
}
