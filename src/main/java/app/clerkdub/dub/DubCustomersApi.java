package app.clerkdub.dub;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;

import app.clerkdub.dub.DubClient.DubTrackApi.DubAnswers;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * Dub's customer operations ({@code updateCustomer}, {@code deleteCustomer}), by {@code ext_<external id>}; only
 * {@link DubClient} calls them. Dub answers both with the customer (or its id), which nothing here needs: only the
 * status is read.
 */
@Path("/customers")
@RegisterRestClient(configKey = "dub-api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface DubCustomersApi {
    /** Dub's prefix for a customer named by the external id of the lead rather than by Dub's own id. */
    String EXTERNAL = "ext_";

    @PATCH
    @Path("/{id}")
    Uni<Void> updateCustomer(@PathParam("id") String id, DubCustomerUpdate update);

    @DELETE
    @Path("/{id}")
    Uni<Void> deleteCustomer(@PathParam("id") String id);

    /** Dub's error answers, as every Dub operation reads them ({@link DubAnswers}). */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return DubAnswers.toException(response);
    }

    /**
     * Body of {@code PATCH /customers/{id}} ({@code updateCustomer} in Dub's OpenAPI spec): the fields a lead sends about
     * its customer, as the lead sends them; a field the user has no value for is left out, as the lead leaves it out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DubCustomerUpdate(String name, String email, String avatar) {
    }
}
