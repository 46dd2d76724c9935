package app.clerkdub.web;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The framework's CORS filter refuses an origin outside the allow-list with a bare 403 and writes no
 * log line: an SPA deployed on a new origin would fail with nothing on the server side to say why.
 */
@ApplicationScoped
public class CorsRefusals {
    private static final Logger LOG = Logger.getLogger("app.clerkdub.requests");
    /** Before CORS (300), so that its answer is seen. */
    static final int PRIORITY = 310;

    private final Set<String> allowed;

    CorsRefusals(@ConfigProperty(name = "quarkus.http.cors.origins") List<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    void register(@Observes Filters filters) {
        filters.register(this::watch, PRIORITY);
    }

    void watch(RoutingContext context) {
        String origin = context.request().getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !allowed.contains(origin)) {
            context.addHeadersEndHandler(ignored -> {
                if (context.response().getStatusCode() == 403) {
                    // The origin is the caller's own header, not a secret; cut so a hostile one can't flood the line.
                    LOG.infof("cors 403 %s %s origin=%s is not in CLERK_AUTHORIZED_PARTIES", context.request().method(),
                            context.request().path(), origin.length() > 200 ? origin.substring(0, 200) + "..." : origin);
                }
            });
        }
        context.next();
    }
}
