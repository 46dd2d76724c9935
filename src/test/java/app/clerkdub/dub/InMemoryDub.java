package app.clerkdub.dub;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import app.clerkdub.dub.DubClient.DubTrackApi;
import app.clerkdub.dub.DubClient.DubTrackApi.DubAnswers;
import app.clerkdub.dub.DubClient.DubTrackApi.DubErrorBody;
import app.clerkdub.dub.DubClient.DubTrackApi.DubLeadRequest;
import app.clerkdub.dub.DubClient.DubTrackApi.DubLeadResponse;
import app.clerkdub.dub.DubClient.DubTrackApi.DubSaleRequest;
import app.clerkdub.dub.DubClient.DubTrackApi.DubSaleResponse;
import app.clerkdub.dub.DubCustomersApi.DubCustomerUpdate;
import app.clerkdub.fakes.InMemoryApi;
import app.clerkdub.platform.upstream.UpstreamCalls;
import app.clerkdub.sandbox.Simulation;
import io.smallrye.mutiny.Uni;

/**
 * Dub's API in memory: both REST client interfaces, answered by the sandbox's simulated Dub (one lead per customer
 * and event name, the dedup key spent before the click is looked up, 404 for an unknown click, deferred customers,
 * one sale per invoice id, {@code customer: null} without a lead), its error answers read by the interfaces' own
 * mapper ({@link DubAnswers}).
 */
public final class InMemoryDub extends InMemoryApi {
    public static final String API_KEY = "dub_in_memory";
    public static final String LEADS = "/track/lead";
    public static final String SALES = "/track/sale";
    public static final String CUSTOMERS = "/customers/";

    public InMemoryDub(Simulation simulation) {
        super(simulation::dub, "Bearer " + API_KEY, DubErrorBody.class, DubAnswers::toException);
    }

    /** A real {@link DubClient} over this API, under the service's upstream policy. */
    public DubClient client(DubConfig config, UpstreamCalls calls) {
        return new DubClient(as(DubTrackApi.class), as(DubCustomersApi.class), config, calls);
    }

    public Uni<DubLeadResponse> trackLead(DubLeadRequest lead) {
        return call("POST", LEADS, lead, DubLeadResponse.class);
    }

    public Uni<DubSaleResponse> trackSale(DubSaleRequest sale) {
        return call("POST", SALES, sale, DubSaleResponse.class);
    }

    public Uni<Void> updateCustomer(String id, DubCustomerUpdate update) {
        return call("PATCH", CUSTOMERS + id, update, Void.class);
    }

    public Uni<Void> deleteCustomer(String id) {
        return call("DELETE", CUSTOMERS + id, null, Void.class);
    }

    /** The {@code POST /track/lead} bodies sent so far, in order. */
    public List<DubLeadRequest> leadsSent() {
        return sent("POST", LEADS).stream().map(call -> read(call.body(), DubLeadRequest.class)).toList();
    }

    /** The {@code POST /track/sale} bodies sent so far, in order. */
    public List<DubSaleRequest> salesSent() {
        return sent("POST", SALES).stream().map(call -> read(call.body(), DubSaleRequest.class)).toList();
    }

    /** Settings as {@code DUB_*} gives them, defaults but the lead mode. */
    public static DubConfig config(Optional<DubConfig.LeadMode> mode) {
        return new DubConfig() {
            @Override
            public String apiKey() {
                return API_KEY;
            }

            @Override
            public URI apiUrl() {
                return URI.create("https://api.dub.co");
            }

            @Override
            public String leadEventName() {
                return "Sign Up";
            }

            @Override
            public String saleEventName() {
                return "Purchase";
            }

            @Override
            public Optional<LeadMode> leadMode() {
                return mode;
            }

            @Override
            public String qualifiedLeadEventName() {
                return "Qualified Lead";
            }

            @Override
            public Optional<String> cookieDomain() {
                return Optional.empty();
            }
        };
    }
}
