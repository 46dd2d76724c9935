package app.clerkdub.lambda;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Every request header as API Gateway delivered it. API Gateway hands the function one string per header name
 * (repeated headers already joined with commas); Quarkus' Lambda adapter splits every value on commas into
 * separate values, so that {@code svix-signature: v1,<base64>} reached the webhook's check as {@code v1} and
 * {@code <base64>}, and {@code user-agent} or {@code accept-language} in pieces. Before anything else reads a
 * header, this puts back the event's own value, whole, for every header it carries: one place, for every
 * header and every reader. The event is the one the adapter hands along with the request (the same object
 * its {@code @Context APIGatewayV2HTTPEvent} injection serves).
 * <p>
 * This source folder ({@code src/lambda}) is compiled only into the Lambda build ({@code -Plambda}), the one
 * that has the adapter.
 */
@ApplicationScoped
public class ApiGatewayHeaders {
    /** The first filter of all: every other one reads headers. */
    static final int PRIORITY = Integer.MAX_VALUE;
    /** The adapter builds it from the event's {@code cookies} list, joined with "; ", which is already whole. */
    private static final String COOKIE = "cookie";

    void register(@Observes Filters filters) {
        filters.register(ApiGatewayHeaders::restore, PRIORITY);
    }

    static void restore(RoutingContext context) {
        if (context.request().headers() instanceof QuarkusHttpHeaders headers
                && headers.getContextObjects().get(APIGatewayV2HTTPEvent.class) instanceof APIGatewayV2HTTPEvent event
                && event.getHeaders() != null) {
            for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
                if (header.getValue() != null && !COOKIE.equalsIgnoreCase(header.getKey())) {
                    headers.set(header.getKey(), header.getValue());
                }
            }
        }
        context.next();
    }
}
