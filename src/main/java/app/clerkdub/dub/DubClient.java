package app.clerkdub.dub;

import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import app.clerkdub.dub.DubCustomersApi.DubCustomerUpdate;
import app.clerkdub.dub.DubTrackApi.Customer;
import app.clerkdub.dub.DubTrackApi.DubLeadRequest;
import app.clerkdub.dub.DubTrackApi.DubSaleRequest;
import app.clerkdub.platform.upstream.Upstream;
import app.clerkdub.platform.upstream.UpstreamCalls;
import app.clerkdub.platform.upstream.UpstreamException;
import app.clerkdub.platform.upstream.UpstreamException.Kind;
import io.smallrye.mutiny.Uni;

/**
 * Sends leads and sales to Dub, and keeps its customers in step with the users, with retries and a circuit breaker
 * per operation; every failure leaves here as an {@link UpstreamException}. Retrying is safe: Dub dedups a lead per customer and event name for
 * 7 days, so a repeat after a lost answer comes back as a duplicate, and keeps one sale per invoice id.
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
}
