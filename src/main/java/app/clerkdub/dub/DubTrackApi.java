package app.clerkdub.dub;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

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

    /** Dub's error answers, as every Dub operation reads them ({@link DubAnswers}). */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return DubAnswers.toException(response);
    }
}
