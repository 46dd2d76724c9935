package app.clerkdub.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.dub.DubClient;
import app.clerkdub.dub.Sale;
import app.clerkdub.webhook.ClerkEvent.Item;
import app.clerkdub.webhook.ClerkEvent.Money;
import app.clerkdub.webhook.ClerkEvent.PaymentAttempt;
import app.clerkdub.webhook.WebhookOutcome.Result;
import io.smallrye.mutiny.Uni;

/**
 * {@code paymentAttempt.updated}: a Clerk Billing payment, credited to the payer's lead at Dub as a sale. Only
 * a paid attempt, by a user, of more than nothing is a sale; the attempt's id is the invoice id, so Dub keeps
 * one sale however often Clerk delivers the event.
 */
@ApplicationScoped
class PaymentEvents {
    static final String PAID = "paid";

    private final DubClient dub;

    PaymentEvents(DubClient dub) {
        this.dub = dub;
    }

    Uni<WebhookOutcome> handle(PaymentAttempt attempt, Delivery delivery) {
        if (!PAID.equals(attempt.status())) {
            return done(Result.NOT_PAID);
        }
        // The customer at Dub is a user (the lead's customerExternalId): an organization never signed up through a link.
        if (attempt.payer() == null || attempt.payer().userId() == null || attempt.payer().userId().isBlank()) {
            return done(Result.ORG_PAYER);
        }
        delivery.userId(attempt.payer().userId());
        Money total = attempt.totals() == null ? null : attempt.totals().grandTotal();
        if (total == null || total.amount() == null || total.amount() <= 0) {
            return done(Result.FREE);
        }
        if (attempt.id() == null || attempt.id().isBlank() || total.currency() == null || total.currency().isBlank()) {
            return done(Result.INVALID_PAYLOAD);
        }
        Sale sale = new Sale(attempt.payer().userId(), total.amount(), total.currency().toLowerCase(Locale.ROOT),
                attempt.id(), metadata(attempt));
        return dub.trackSale(sale)
                .map(outcome -> WebhookOutcome.done(Result.of(outcome)));
    }

    /** A little context for Dub's sale: which plan, what kind of charge, and Clerk's statement to look it up. */
    static Map<String, String> metadata(PaymentAttempt attempt) {
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Item> items = attempt.subscriptionItems() == null ? List.of() : attempt.subscriptionItems();
        String plans = items.stream().filter(Objects::nonNull).map(Item::plan).filter(Objects::nonNull)
                .map(ClerkEvent.Plan::slug).filter(Objects::nonNull).distinct().collect(Collectors.joining(","));
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

    private static Uni<WebhookOutcome> done(Result result) {
        return Uni.createFrom().item(WebhookOutcome.done(result));
    }
}
