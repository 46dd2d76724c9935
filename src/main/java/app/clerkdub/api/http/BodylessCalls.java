package app.clerkdub.api.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Most calls of the endpoint carry no body, and then any {@code Content-Type} (or none, as browsers send)
 * would fail the endpoint's {@code @Consumes}: a call without a body is read as an empty JSON one, which
 * names no click.
 */
class BodylessCalls {

    @ServerRequestFilter(preMatching = true)
    void readAsEmptyJson(ContainerRequestContext request) {
        if (TrackLeadResource.PATH.equals(request.getUriInfo().getPath()) && request.getLength() <= 0
                && !request.getHeaders().containsKey("Transfer-Encoding")) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
