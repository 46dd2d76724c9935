package app.clerkdub.clerk.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Same-site SPAs send the Clerk session token in the {@code __session} cookie, and quarkus-oidc only
 * reads the {@code Authorization} header: when that header is absent, the cookie's value is put
 * there. A header that is present always wins, valid or not.
 * <p>
 * A token far larger than any Clerk issues (they live in a 4 KB cookie) is dropped before anyone
 * parses it, so the request is treated as carrying no token: a plain 401.
 */
@ApplicationScoped
public class SessionCookieBridge {
    static final String SESSION_COOKIE = "__session";
    /** After CORS (300), before authentication (200). */
    static final int PRIORITY = 250;

    void register(@Observes Filters filters) {
        filters.register(SessionCookieBridge::bridge, PRIORITY);
    }

    static final int MAX_TOKEN_LENGTH = 8 * 1024;

    static void bridge(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            Cookie session = context.request().getCookie(SESSION_COOKIE);
            if (session != null && !session.getValue().isEmpty() && session.getValue().length() <= MAX_TOKEN_LENGTH) {
                context.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + session.getValue());
            }
        } else if (authorization.length() > MAX_TOKEN_LENGTH) {
            context.request().headers().remove(HttpHeaders.AUTHORIZATION);
        }
        context.next();
    }
}
