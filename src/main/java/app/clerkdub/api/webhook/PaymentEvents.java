package app.clerkdub.api.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonProperty;

import app.clerkdub.api.webhook.ClerkEvents.EventHandler;
import app.clerkdub.api.webhook.WebhookLog.Delivery;
import app.clerkdub.lead.Outcome;
import app.clerkdub.lead.Outcome.QualifyResult;
import app.clerkdub.lead.Outcome.SaleResult;
import app.clerkdub.lead.Sales;
import app.clerkdub.lead.Sales.Payment;
import app.clerkdub.lead.Sales.Sold;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * {@code paymentAttempt.updated}: a Clerk Billing payment, a sale for the payer's lead at Dub ({@link Sales}). Only a
 * paid attempt of more than nothing is a sale; the attempt's id is the invoice id, so Dub keeps one sale however often
 * Clerk delivers the event.
 */
@ApplicationScoped
class PaymentEvents implements EventHandler<PaymentEvents.PaymentAttempt> {
    static final String PAID = "paid";

    /** The event's {@code data} (the spec's {@code PaymentAttemptEventPayload}), and the parts of it read here. */
    @RegisterForReflection
    record PaymentAttempt(String id, String status, @JsonProperty("charge_type") String chargeType,
            @JsonProperty("statement_id") String statementId, Payer payer, Totals totals,
            @JsonProperty("subscription_items") List<Item> subscriptionItems) {
    }

    /** A user pays for themself ({@code user_id}), or an organization does ({@code organization_id}). */
    @RegisterForReflection
    record Payer(@JsonProperty("user_id") String userId, @JsonProperty("organization_id") String organizationId) {
    }

    @RegisterForReflection
    record Totals(@JsonProperty("grand_total") Money grandTotal) {
    }

    /** {@code amount} in the currency's smallest unit, as Clerk's fee objects give it. */
    @RegisterForReflection
    record Money(Long amount, String currency) {
    }

    @RegisterForReflection
    record Item(Plan plan) {
    }

    @RegisterForReflection
    record Plan(String slug) {
    }

    private final Sales sales;

    PaymentEvents(Sales sales) {
        this.sales = sales;
    }

    @Override
    public String eventType() {
        return "paymentAttempt.updated";
    }

    @Override
    public Class<PaymentAttempt> payloadType() {
        return PaymentAttempt.class;
    }

    @Override
    public Uni<Outcome> handle(PaymentAttempt attempt, Delivery delivery) {
        if (!PAID.equals(attempt.status())) {
            return EventHandler.done(SaleResult.NOT_PAID);
        }
        Optional<String> user = attempt.payer() == null ? Optional.empty() : present(attempt.payer().userId());
        Optional<String> organization = attempt.payer() == null ? Optional.empty()
                : present(attempt.payer().organizationId());
        if (user.isEmpty() && organization.isEmpty()) {
            return EventHandler.done(DeliveryResult.INVALID_PAYLOAD);
        }
        delivery.userId(user.or(() -> organization).get());
        Money total = attempt.totals() == null ? null : attempt.totals().grandTotal();
        if (total == null || total.amount() == null || total.amount() <= 0) {
            return EventHandler.done(SaleResult.FREE);
        }
        if (EventHandler.missing(attempt.id()) || EventHandler.missing(total.currency())) {
            return EventHandler.done(DeliveryResult.INVALID_PAYLOAD);
        }
        Payment payment = new Payment(user, organization, total.amount(), total.currency().toLowerCase(Locale.ROOT),
                attempt.id(), metadata(attempt));
        return sales.credit(payment, new Sales.Progress() {
            @Override
            public void credited(String userId) {
                delivery.userId(userId);
            }

            @Override
            public void qualified(QualifyResult result) {
                delivery.qualification(result.wireValue());
            }
        }).map(Sold::result);
    }

    private static Optional<String> present(String id) {
        return Optional.ofNullable(id).filter(text -> !text.isBlank());
    }

    /** A little context for Dub's sale: which plan, what kind of charge, and Clerk's statement to look it up. */
    static Map<String, String> metadata(PaymentAttempt attempt) {
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Item> items = attempt.subscriptionItems() == null ? List.of() : attempt.subscriptionItems();
        String plans = items.stream().filter(Objects::nonNull).map(Item::plan).filter(Objects::nonNull)
                .map(Plan::slug).filter(Objects::nonNull).distinct().collect(Collectors.joining(","));
        put(metadata, "plan", plans);
        put(metadata, "chargeType", attempt.chargeType());
        put(metadata, "statementId", attempt.statementId());
        return metadata;
    }

    private static void put(Map<String, String> metadata, String key, String value) {
        if (value != null && !value.isBlank()) {
            metadata.put(key, value);
        }
    }
}
