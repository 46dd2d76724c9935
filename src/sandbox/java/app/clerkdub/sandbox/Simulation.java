package app.clerkdub.sandbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The sandbox's Clerk Backend API and Dub API outside of an application: the same resources and the same
 * in-memory Clerk and Dub that dev mode serves under {@code /_sandbox/}, answering a request given as method,
 * path, {@code Authorization} and body. The tests' fakes serve it over HTTP(S), where each test may still put
 * an answer of its own in front of it and read the journal of what the service sent.
 */
public final class Simulation {
    private static final Pattern USER = Pattern.compile("/v1/users/([^/]+)(/metadata)?");
    private static final Pattern CUSTOMER = Pattern.compile("/customers/([^/]+)");
    private static final Pattern ORGANIZATION = Pattern.compile("/v1/organizations/([^/?]+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SessionSigner signer;
    private final String clerkSecretKey;
    private final String dubApiKey;
    private volatile State state;

    private record State(ClerkSandbox clerk, ClerkBackendResource clerkApi, DubSandbox dub, DubSales sales,
            DubApiResource dubApi) {
    }

    public Simulation(String clerkSecretKey, String dubApiKey) {
        this(clerkSecretKey, dubApiKey, new SessionSigner(SandboxIds.next("ins_simulation_", 20)));
    }

    /**
     * With the signer of its session tokens given: making one generates an RSA key, which tests that make a
     * simulation each and sign no session with it need not pay for every time.
     */
    public Simulation(String clerkSecretKey, String dubApiKey, SessionSigner signer) {
        this.clerkSecretKey = clerkSecretKey;
        this.dubApiKey = dubApiKey;
        this.signer = signer;
        reset();
    }

    /** Forgets every user, session, click, lead and sale. */
    public void reset() {
        ClerkSandbox clerk = new ClerkSandbox("https://clerk.simulation.invalid", signer);
        DubSandbox dub = new DubSandbox();
        DubSales sales = new DubSales(dub);
        state = new State(clerk, new ClerkBackendResource(clerk, clerkSecretKey, JSON), dub, sales,
                new DubApiResource(dub, sales, dubApiKey, JSON));
    }

    /** Clerk holds this user, as it is now (replacing one of the same id). */
    public void putUser(ClerkUser user) {
        state.clerk().put(user);
    }

    /** The user was deleted: Clerk no longer holds them. */
    public void deleteUser(String userId) {
        state.clerk().delete(userId);
    }

    /** A visit through a Dub link: the click id Dub appends as {@code dub_id}. */
    public String click() {
        return state.dub().click("launch", java.net.URI.create("https://app.example.com/"));
    }

    /** The leads Dub recorded, newest first. */
    public java.util.List<RecordedLead> leads() {
        return state.dub().leads();
    }

    /** The customers holding a deferred click and no lead yet. */
    public java.util.List<DubCustomer> deferredCustomers() {
        return state.dub().deferredCustomers();
    }

    /** The sales Dub recorded, newest first. */
    public java.util.List<DubSales.RecordedSale> sales() {
        return state.sales().sales();
    }

    /** Clerk's user as it is now. */
    public java.util.Optional<ClerkUser> user(String userId) {
        return state.clerk().user(userId);
    }

    /** Clerk holds this organization, as it is now. */
    public void putOrganization(ClerkOrganization organization) {
        state.clerk().put(organization);
    }

    /**
     * Clerk's Backend API: {@code GET /v1/users/{id}}, {@code PATCH /v1/users/{id}/metadata} and
     * {@code GET /v1/organizations/{id}}.
     */
    public Response clerk(String method, String path, String authorization, String body) {
        Matcher user = USER.matcher(path);
        Matcher organization = ORGANIZATION.matcher(path);
        ClerkBackendResource api = state.clerkApi();
        if (organization.matches() && "GET".equals(method)) {
            return api.getOrganization(authorization, organization.group(1));
        }
        if (user.matches() && user.group(2) == null && "GET".equals(method)) {
            return api.getUser(authorization, user.group(1));
        }
        if (user.matches() && user.group(2) != null && "PATCH".equals(method)) {
            return api.updateMetadata(authorization, user.group(1), body);
        }
        return ClerkBackendResource.error(404, "resource_not_found", "No route " + method + " " + path);
    }

    /** The customers Dub holds. */
    public java.util.List<DubCustomer> customers() {
        return state.dub().customers();
    }

    /** Dub's API: {@code POST /track/lead}, {@code POST /track/sale}, {@code PATCH} and {@code DELETE /customers/{id}}. */
    public Response dub(String method, String path, String authorization, String body) {
        DubApiResource api = state.dubApi();
        Matcher customer = CUSTOMER.matcher(path);
        if (customer.matches()) {
            return switch (method) {
                case "PATCH" -> api.updateCustomer(authorization, customer.group(1), body);
                case "DELETE" -> api.deleteCustomer(authorization, customer.group(1));
                default -> Response.status(404).build();
            };
        }
        return !"POST".equals(method) ? Response.status(404).build() : switch (path) {
            case "/track/lead" -> api.trackLead(authorization, body);
            case "/track/sale" -> api.trackSale(authorization, body);
            default -> Response.status(404).build();
        };
    }
}
