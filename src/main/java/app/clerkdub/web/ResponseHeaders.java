package app.clerkdub.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every response, whoever writes it (the endpoint, the authentication layer, CORS):
 * answers are per user and must never be cached, and browsers must not guess their type.
 */
@ApplicationScoped
public class ResponseHeaders {
    /** Before CORS (300), so that even a refused preflight carries them. */
    static final int PRIORITY = 400;

    void register(@Observes Filters filters) {
        filters.register(ResponseHeaders::add, PRIORITY);
    }

    static void add(RoutingContext context) {
        // The routing context's list of handlers: the response's single headersEndHandler is taken by others.
        context.addHeadersEndHandler(ignored -> context.response().headers()
                .set("Cache-Control", "no-store")
                .set("X-Content-Type-Options", "nosniff"));
        context.next();
    }
}
