package app.clerkdub.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.arc.profile.UnlessBuildProfile;

/**
 * Dub's sale tracking as its server behaves (dub {@code apps/web/lib/api/conversions/track-sale.ts}): one sale
 * per invoice id (a repeat gets the first answer again and records nothing), a no-op
 * {@code {customer: null, sale: null}} for a customer without a lead, and 404 when the customer has no lead of the
 * sale's {@code leadEventName}.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class DubSales {
    private final DubSandbox dub;
    private final Clock clock;
    private final ConcurrentMap<String, DubReply> byInvoice = new ConcurrentHashMap<>();
    private final List<RecordedSale> sales = new CopyOnWriteArrayList<>();

    /** A sale the sandbox Dub recorded. */
    public record RecordedSale(Instant timestamp, String eventName, String customerExternalId, long amount,
            String currency, String invoiceId, JsonNode metadata) {
    }

    @Inject
    DubSales(DubSandbox dub) {
        this(dub, Clock.systemUTC());
    }

    DubSales(DubSandbox dub, Clock clock) {
        this.dub = dub;
        this.clock = clock;
    }

    /** Every sale recorded so far, newest first. */
    public List<RecordedSale> sales() {
        List<RecordedSale> newestFirst = new ArrayList<>(sales);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** {@code POST /track/sale} with a body already parsed as JSON. */
    DubReply trackSale(JsonNode body) {
        String externalId = body.path("customerExternalId").asText("").trim();
        JsonNode amount = body.get("amount");
        if (externalId.isEmpty() || amount == null || !amount.canConvertToLong() || amount.asLong() < 0) {
            return DubReply.error(422, "unprocessable_entity", "customerExternalId and a non-negative integer amount are required");
        }
        String invoiceId = body.hasNonNull("invoiceId") ? body.get("invoiceId").asText() : null;
        if (invoiceId != null && byInvoice.containsKey(invoiceId)) {
            return byInvoice.get(invoiceId);
        }
        String eventName = body.path("eventName").asText("Purchase");
        DubCustomer customer = dub.customerWithLead(externalId).orElse(null);
        if (customer == null) {
            return DubReply.sale(eventName, null, null, null);
        }
        String leadEventName = body.hasNonNull("leadEventName") ? body.get("leadEventName").asText() : null;
        if (leadEventName != null && !dub.hasLead(externalId, leadEventName)) {
            return DubReply.error(404, "not_found", "Lead event not found for externalId: " + externalId
                    + " and leadEventName: " + leadEventName);
        }
        String currency = body.path("currency").asText("usd").toLowerCase(java.util.Locale.ROOT);
        JsonNode metadata = body.get("metadata");
        RecordedSale sale = new RecordedSale(clock.instant(), eventName, externalId, amount.asLong(), currency,
                invoiceId, metadata);
        DubReply reply = DubReply.sale(eventName, "cus_" + Integer.toHexString(externalId.hashCode()), customer,
                new DubReply.Sale(sale.amount(), currency, body.path("paymentProcessor").asText("custom"), invoiceId,
                        metadata));
        if (invoiceId == null || byInvoice.putIfAbsent(invoiceId, reply) == null) {
            sales.add(sale);
            return reply;
        }
        return byInvoice.get(invoiceId);
    }
}
