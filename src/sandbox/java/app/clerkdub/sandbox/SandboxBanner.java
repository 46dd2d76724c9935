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
                // The settings line shows these keys as set, which they are: to the sandbox's own (no value here:
                // the log's redaction would hide a key-shaped one anyway).
                + "\n  Clerk: " + (clerk ? "SANDBOX (simulated in-process; CLERK_SECRET_KEY is set, to the sandbox's own "
                        + "key: give it your Clerk secret key to use Clerk)" : "real")
                + "\n  Dub:   " + (dub ? "SANDBOX (simulated in-process; DUB_API_KEY is set, to the sandbox's own key: "
                        + "give it your Dub API key to use Dub)" : "real")
                + "\n" + line;
    }
}
