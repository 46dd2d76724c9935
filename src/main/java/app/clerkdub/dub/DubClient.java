package app.clerkdub.dub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import app.clerkdub.dub.DubClient.Customer;
import app.clerkdub.dub.DubClient.DubTrackApi.DubLeadRequest;
import app.clerkdub.dub.DubClient.DubTrackApi.DubSaleRequest;
import app.clerkdub.dub.DubCustomersApi.DubCustomerUpdate;
import app.clerkdub.platform.upstream.RetryAfter;
import app.clerkdub.platform.upstream.Upstream;
import app.clerkdub.platform.upstream.UpstreamCalls;
import app.clerkdub.platform.upstream.UpstreamException;
import app.clerkdub.platform.upstream.UpstreamException.Kind;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * Sends leads and sales to Dub, and keeps its customers in step with the users, with retries and a circuit breaker
 * per operation; every failure leaves here as an {@link UpstreamException}. Retrying is safe: Dub dedups a lead per
 * customer and event name for 7 days, so a repeat after a lost answer comes back as a duplicate, and keeps one sale
 * per invoice id. Beside it, what a lead and a sale are made of: Dub's answers, the customer as Dub is told of it
 * ({@link Customer}), the click-id rule ({@link ClickId}) and the REST interface of {@code /track} with its bodies
 * ({@link DubTrackApi}); the customers' own interface, which only the customer sync uses, is {@link DubCustomersApi}.
 */
@ApplicationScoped
public class DubClient {
    private static final Predicate<Throwable> NOT_FOUND = UpstreamException.is(Kind.NOT_FOUND);
    private static final Predicate<Throwable> BAD_REQUEST = UpstreamException.answered(400);

    private final DubTrackApi api;
    private final DubCustomersApi customers;
    private final String leadEventName;
    private final String qualifiedLeadEventName;
    private final String saleEventName;
    /** Dub's {@code mode}, sent only when set. */
    private final String leadMode;
    /** The lead event name that sales are credited to: the qualified lead's in deferred mode, the only one there. */
    private final String saleLeadEventName;
    private final UpstreamCalls.Operation trackLead;
    private final UpstreamCalls.Operation trackSale;
    private final UpstreamCalls.Operation updateCustomer;
    private final UpstreamCalls.Operation deleteCustomer;

    DubClient(@RestClient DubTrackApi api, @RestClient DubCustomersApi customers, DubConfig config,
            UpstreamCalls calls) {
        this.api = api;
        this.customers = customers;
        this.leadEventName = config.leadEventName();
        this.qualifiedLeadEventName = config.qualifiedLeadEventName();
        this.saleEventName = config.saleEventName();
        this.leadMode = config.leadMode().map(DubConfig.LeadMode::wireValue).orElse(null);
        this.saleLeadEventName = config.deferred() ? qualifiedLeadEventName : leadEventName;
        this.trackLead = calls.operation(Upstream.DUB, "track_lead");
        this.trackSale = calls.operation(Upstream.DUB, "track_sale");
        this.updateCustomer = calls.operation(Upstream.DUB, "update_customer");
        this.deleteCustomer = calls.operation(Upstream.DUB, "delete_customer");
    }

    /**
     * Dub answers 404 for an unknown click and for a missing or disabled link; it has stored its dedup
     * key by then, so the click is spent, and the 404 is never retried. Timed as {@code dub_track_lead}.
     */
    public Uni<LeadOutcome> track(String clickId, Customer customer) {
        DubLeadRequest lead = new DubLeadRequest(clickId, leadEventName, customer.externalId(),
                customer.name(), customer.email(), customer.avatar(), leadMode);
        return trackLead.call(() -> api.trackLead(lead)
                .map(answer -> answer.link() == null ? LeadOutcome.DUPLICATE : LeadOutcome.TRACKED)
                .onFailure(NOT_FOUND).recoverWithItem(LeadOutcome.UNKNOWN_CLICK));
    }

    /**
     * Deferred mode's second call: the customer's lead, under the qualified lead's event name, credited to the click
     * Dub stored on the customer at sign-up ({@code clickId: ""}, no {@code mode}). Dub dedups it as any lead. It
     * answers 400 when it has no such customer or no click on it: nothing to credit, and never worth retrying. Timed
     * as {@code dub_track_lead}.
     */
    public Uni<QualifiedLeadOutcome> qualify(String customerExternalId) {
        DubLeadRequest lead = new DubLeadRequest("", qualifiedLeadEventName, customerExternalId,
                null, null, null, null);
        return trackLead.call(() -> api.trackLead(lead)
                .map(answer -> answer.link() == null ? QualifiedLeadOutcome.DUPLICATE : QualifiedLeadOutcome.RECORDED)
                .onFailure(BAD_REQUEST).recoverWithItem(QualifiedLeadOutcome.NO_CUSTOMER));
    }

    /**
     * Credits a payment to the lead of the same customer and the lead's event name (the qualified lead's in
     * deferred mode, the only lead Dub records there). Dub answers
     * {@code customer: null} when it has no such customer, and 404 when the customer has no lead of that
     * name: either way nothing was recorded and sending it again cannot change that. Timed as
     * {@code dub_track_sale}.
     */
    public Uni<SaleOutcome> trackSale(Sale sale) {
        DubSaleRequest request = new DubSaleRequest(sale.customerExternalId(), sale.amount(),
                sale.currency(), saleEventName, "custom", sale.invoiceId(), saleLeadEventName,
                sale.metadata().isEmpty() ? null : sale.metadata());
        return trackSale.call(() -> api.trackSale(request)
                .map(answer -> answer.customer() == null || answer.sale() == null
                        ? SaleOutcome.NOT_ATTRIBUTED : SaleOutcome.RECORDED)
                .onFailure(NOT_FOUND).recoverWithItem(SaleOutcome.NOT_ATTRIBUTED));
    }

    /**
     * Sends the customer's name, email and avatar as a lead sends them, to the customer of the same external id. A
     * repeat sets the same values again, so a retry is safe. Timed as {@code dub_update_customer}.
     */
    public Uni<CustomerChange> updateCustomer(Customer customer) {
        DubCustomerUpdate update = new DubCustomerUpdate(customer.name(), customer.email(), customer.avatar());
        return updateCustomer.call(() -> customers.updateCustomer(DubCustomersApi.EXTERNAL + customer.externalId(),
                update).replaceWith(CustomerChange.APPLIED)
                .onFailure(NOT_FOUND).recoverWithItem(CustomerChange.NO_CUSTOMER));
    }

    /**
     * Deletes the customer of this external id, with its name, email and avatar. Dub's 404 says there is none (any
     * more): a retry after a lost answer finds that, so retrying is safe. Timed as {@code dub_delete_customer}.
     */
    public Uni<CustomerChange> eraseCustomer(String customerExternalId) {
        return deleteCustomer.call(() -> customers.deleteCustomer(DubCustomersApi.EXTERNAL + customerExternalId)
                .replaceWith(CustomerChange.APPLIED)
                .onFailure(NOT_FOUND).recoverWithItem(CustomerChange.NO_CUSTOMER));
    }

    /** What Dub did with a lead. */
    public enum LeadOutcome {
        /** Recorded and credited to the link. */
        TRACKED,
        /** Dub already had this customer's lead for this event name (its 7-day dedup). */
        DUPLICATE,
        /** Dub knows no such click, or its link is disabled: nothing to credit, and never worth retrying. */
        UNKNOWN_CLICK
    }

    /** What Dub did with a deferred customer's qualified lead. */
    public enum QualifiedLeadOutcome {
        /** Recorded, and credited to the click stored on the customer at sign-up. */
        RECORDED,
        /** Dub already had this customer's qualified lead (its 7-day dedup). */
        DUPLICATE,
        /** Dub has no such customer, or no click on it (deleted there): nothing to credit, never worth retrying. */
        NO_CUSTOMER
    }

    /** What Dub did with a sale. */
    public enum SaleOutcome {
        /** Recorded for the customer's lead (or, for an invoice id Dub had seen, its earlier answer again). */
        RECORDED,
        /** Dub knows no lead for this customer (and event name): nothing recorded, never worth retrying. */
        NOT_ATTRIBUTED
    }

    /** What Dub did with a change to a customer (an update, an erasure). */
    public enum CustomerChange {
        /** Dub held the customer and applied the change. */
        APPLIED,
        /** Dub holds no such customer (its 404): the user never came through a link, or it was deleted already. */
        NO_CUSTOMER
    }

    /**
     * Dub's conversion-tracking operations ({@code trackLead}, {@code trackSale}); only {@link DubClient} calls them. The API
     * key goes on every request as {@code quarkus.rest-client.dub-api.headers.Authorization} says, and is never logged.
     * Beside it, what a lead is made of: the bodies and answers, the customer as Dub is told of it ({@link Customer}), the
     * click-id rule ({@link ClickId}) and Dub's error body.
     */
    @Path("/track")
    @RegisterRestClient(configKey = "dub-api")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public interface DubTrackApi {

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

        /** Body of {@code POST /track/lead}, as {@code trackLead} in Dub's OpenAPI spec describes it. */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record DubLeadRequest(
                String clickId,
                String eventName,
                String customerExternalId,
                String customerName,
                String customerEmail,
                String customerAvatar,
                String mode) {
        }

        /** Dub's answer to a tracked lead. {@code link} is null when Dub saw this lead within the last 7 days. */
        public record DubLeadResponse(Click click, Link link) {

            public record Click(String id) {
            }

            public record Link(String id, String domain, String key) {
            }
        }

        /**
         * Body of {@code POST /track/sale}, as {@code trackSale} in Dub's OpenAPI spec describes it. No {@code clickId}:
         * a sale is only credited to a customer whose lead Dub already holds (no "direct sale tracking").
         */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record DubSaleRequest(
                String customerExternalId,
                long amount,
                String currency,
                String eventName,
                String paymentProcessor,
                String invoiceId,
                String leadEventName,
                Map<String, String> metadata) {
        }

        /**
         * Dub's answer to a sale. {@code customer} and {@code sale} are both null when Dub knows no lead for the
         * customer: nothing was recorded, and sending it again will not change that.
         */
        public record DubSaleResponse(String eventName, CustomerRef customer, Sale sale) {

            public record CustomerRef(String id, String externalId) {
            }

            public record Sale(long amount, String currency, String invoiceId) {
            }
        }

        /**
         * Dub's error body: {@code {"error":{"code","message","doc_url"}}}.
         * <p>
         * Read only through {@code Response.readEntity} in the client's exception mapper, which the build does not
         * see: the annotation (which covers {@link Error} too) keeps it readable in the native binary.
         */
        @RegisterForReflection
        public record DubErrorBody(Error error) {

            public record Error(String code, String message, @JsonProperty("doc_url") String docUrl) {
            }

            String code() {
                return error == null ? null : error.code();
            }

            String message() {
                return error == null ? null : error.message();
            }

            /**
             * Whether a 404 says the API key's workspace is missing ("Workspace not found.", "Workspace ID not
             * found. ...") rather than that the click or its link is. Dub gives both the same {@code code}
             * ({@code not_found}) and {@code doc_url}, and no other field, so its message is the only thing
             * that tells them apart; it is read here, where Dub's body is parsed, and nowhere else.
             */
            boolean workspaceMissing() {
                String message = message();
                return message != null && message.contains("Workspace");
            }
        }

        /** How every Dub operation reads an error answer: the one place that parses Dub's error body. */
        static final class DubAnswers {
            private DubAnswers() {
            }

            /**
             * A 404 is about what was asked for (a click, a customer's lead, a customer) unless Dub says the key's workspace
             * is missing, which is a refusal like a bad key. Dub puts an epoch time in milliseconds in both
             * {@code Retry-After} and {@code X-RateLimit-Reset}.
             */
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
    }

    /**
     * The customer fields of a lead, trimmed to what Dub accepts: a field Dub would refuse is cut or
     * left out, so that a lead never fails on it.
     */
    public record Customer(String externalId, String name, String email, String avatar) {
        /** {@code customerName} and {@code customerEmail} are limited to 100 characters (UTF-16 units, as zod counts). */
        static final int MAX_LENGTH = 100;

        /** The {@code customerEmail} pattern of Dub's spec, which is also what its server's zod check accepts. */
        static final Pattern EMAIL = Pattern.compile(
                "^(?!\\.)(?!.*\\.\\.)([A-Za-z0-9_'+\\-\\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$");

        public static Customer of(String externalId, Optional<String> name, Optional<String> email,
                Optional<String> avatar) {
            return new Customer(externalId,
                    name.map(Customer::cut).orElse(null),
                    email.filter(Customer::acceptableEmail).orElse(null),
                    avatar.orElse(null));
        }

        /**
         * A short digest of what Dub is sent about the customer (name, email, avatar), kept on the user to tell later
         * whether Dub already holds the user's current values, without keeping the values themselves. 64 bits: a
         * change that collides with the value before it is one in 2^64.
         */
        public String fingerprint() {
            MessageDigest sha256;
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException everyJdkHasIt) {
                throw new IllegalStateException(everyJdkHasIt);
            }
            // A field absent and a field empty differ ('-' and '+'), so that no two customers read the same.
            for (String field : new String[] { name, email, avatar }) {
                sha256.update((field == null ? "-" : "+" + field + "\u0000").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha256.digest(), 0, 8);
        }

        static boolean acceptableEmail(String email) {
            return email.length() <= MAX_LENGTH && EMAIL.matcher(email).matches();
        }

        static String cut(String text) {
            if (text.length() <= MAX_LENGTH) {
                return text;
            }
            int end = MAX_LENGTH;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // never split a character in two
            }
            return text.substring(0, end);
        }
    }

    /**
     * What Dub's click ids are made of, wherever one arrives (the {@code dub_id} cookie, the endpoint's body, a
     * sign-up's unsafe metadata): anything else could not be one, and could be a header injection.
     */
    public static final class ClickId {
        /** As a constant expression, for {@code @Pattern} on the endpoint's body. */
        public static final String REGEX = "^[A-Za-z0-9_-]{1,128}$";
        /** The rule in words, for an error message that never repeats the input. */
        public static final String RULE = "must be 1 to 128 letters, digits, '_' or '-'";
        private static final Pattern PATTERN = Pattern.compile(REGEX);

        private ClickId() {
        }

        public static boolean isValid(String value) {
            return value != null && PATTERN.matcher(value).matches();
        }
    }
}
