package app.clerkdub.sandbox;

import java.io.IOException;
import java.util.function.Function;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestHeader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.profile.UnlessBuildProfile;

/**
 * Dub's {@code POST /track/lead}, {@code POST /track/sale}, {@code PATCH} and {@code DELETE /customers/{id}}, with its
 * authorization checks and error bodies.
 */
@Path(DubApiResource.BASE)
@UnlessBuildProfile("prod")
public class DubApiResource {
    static final String BASE = "/_sandbox/dub";

    private final DubSandbox dub;
    private final DubSales sales;
    private final String apiKey;
    private final ObjectMapper json;

    DubApiResource(DubSandbox dub, DubSales sales, @ConfigProperty(name = "dub.api-key") String apiKey,
            ObjectMapper json) {
        this.dub = dub;
        this.sales = sales;
        this.apiKey = apiKey;
        this.json = json;
    }

    @POST
    @Path("/track/lead")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response trackLead(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return answer(authorization, body, dub::trackLead);
    }

    @POST
    @Path("/track/sale")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response trackSale(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return answer(authorization, body, sales::trackSale);
    }

    @PATCH
    @Path("/customers/{id}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response updateCustomer(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id, String body) {
        return answer(authorization, body, update -> dub.updateCustomer(id, update));
    }

    @DELETE
    @Path("/customers/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response deleteCustomer(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id) {
        DubReply reply = authorize(authorization);
        reply = reply != null ? reply : dub.deleteCustomer(id);
        return Response.status(reply.status()).type(MediaType.APPLICATION_JSON).entity(reply.body()).build();
    }

    private Response answer(String authorization, String body, Function<JsonNode, DubReply> operation) {
        DubReply reply = authorize(authorization);
        if (reply == null) {
            reply = parse(body, operation);
        }
        return Response.status(reply.status()).type(MediaType.APPLICATION_JSON).entity(reply.body()).build();
    }

    private DubReply authorize(String authorization) {
        if (authorization == null) {
            return DubReply.error(401, "unauthorized", "Missing Authorization header.");
        }
        if (!authorization.startsWith("Bearer ")) {
            return DubReply.error(400, "bad_request", "Misconfigured authorization header. Did you forget to add "
                    + "'Bearer '? Learn more: https://d.to/auth");
        }
        if (!authorization.substring("Bearer ".length()).equals(apiKey)) {
            return DubReply.error(401, "unauthorized", "Unauthorized: Invalid API key.");
        }
        return null;
    }

    private DubReply parse(String body, Function<JsonNode, DubReply> operation) {
        JsonNode lead;
        try {
            lead = json.readTree(body == null ? "" : body);
        } catch (IOException malformed) {
            lead = null;
        }
        if (lead == null || lead.isMissingNode()) {
            return DubReply.error(400, "bad_request",
                    "Invalid JSON format in request body. Please ensure the request body is a valid JSON object.");
        }
        if (!lead.isObject()) {
            return DubReply.error(422, "unprocessable_entity", "Expected object, received " + lead.getNodeType());
        }
        return operation.apply(lead);
    }
}
