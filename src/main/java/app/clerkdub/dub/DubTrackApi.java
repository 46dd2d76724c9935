package app.clerkdub.dub;

import java.time.Clock;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import app.clerkdub.upstream.RetryAfter;
import app.clerkdub.upstream.Upstream;
import app.clerkdub.upstream.UpstreamFailures;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** Dub's lead-tracking operation. */
@Path("/track/lead")
@RegisterRestClient(configKey = "dub-api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface DubTrackApi {

    @POST
    Uni<DubLeadResponse> trackLead(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            DubLeadRequest lead);

    /** Dub puts an epoch time in milliseconds in both {@code Retry-After} and {@code X-RateLimit-Reset}. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        DubErrorBody body = readError(response);
        return UpstreamFailures.fromStatus(Upstream.DUB, response.getStatus(),
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
