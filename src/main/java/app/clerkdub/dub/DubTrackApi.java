package app.clerkdub.dub;

import java.time.Clock;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import app.clerkdub.upstream.RetryAfter;
import app.clerkdub.upstream.Upstream;
import app.clerkdub.upstream.UpstreamException;
import app.clerkdub.upstream.UpstreamException.Kind;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * Dub's conversion-tracking operations ({@code trackLead}, {@code trackSale}); only {@link DubClient} calls them. The API key is read from the
 * configuration as each request is sent, and never logged.
 */
@Path("/track")
@RegisterRestClient(configKey = "dub-api")
@ClientHeaderParam(name = HttpHeaders.AUTHORIZATION, value = "Bearer ${dub.api-key}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface DubTrackApi {

    @POST
    @Path("/lead")
    Uni<DubLeadResponse> trackLead(DubLeadRequest lead);

    @POST
    @Path("/sale")
    Uni<DubSaleResponse> trackSale(DubSaleRequest sale);

    /**
     * A 404 is about the click (or, for a sale, the customer's lead) unless Dub says the key's workspace is missing, which is a refusal like a
     * bad key. Dub puts an epoch time in milliseconds in both {@code Retry-After} and {@code X-RateLimit-Reset}.
     */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        DubErrorBody body = readError(response);
        int status = response.getStatus();
        Kind kind = status == 404 && body != null && body.workspaceMissing() ? Kind.REJECTED : Kind.ofStatus(status);
        return UpstreamException.answered(Upstream.DUB, kind, status,
                body == null ? null : body.code(),
                body == null ? null : body.message(),
                RetryAfter.fromHeaders(Clock.systemUTC(),
                        response.getHeaderString("Retry-After"),
                        response.getHeaderString("X-RateLimit-Reset")).orElse(null));
    }

    private static DubErrorBody readError(Response response) {
        try {
            return response.readEntity(DubErrorBody.class);
        } catch (RuntimeException notDubError) {
            // A gateway's HTML page or an empty body: the status alone tells what happened.
            return null;
        }
    }
}
