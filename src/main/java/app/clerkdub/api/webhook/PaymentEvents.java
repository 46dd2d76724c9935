package app.clerkdub.api.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.clerk.ClerkClient;
import app.clerkdub.clerk.ClerkOrganization;
import app.clerkdub.dub.DubClient;
import app.clerkdub.dub.Sale;
import app.clerkdub.lead.Qualification;
import app.clerkdub.lead.Qualifiers;
import app.clerkdub.lead.Qualifiers.Qualifier;
import app.clerkdub.platform.state.UpstreamBudgets;
import app.clerkdub.api.webhook.ClerkEvent.Item;
import app.clerkdub.api.webhook.ClerkEvent.Money;
import app.clerkdub.api.webhook.ClerkEvent.PaymentAttempt;
import app.clerkdub.api.webhook.WebhookOutcome.Result;
import io.smallrye.mutiny.Uni;

/**
 * {@code paymentAttempt.updated}: a Clerk Billing payment, credited to the payer's lead at Dub as a sale. Only
 * a paid attempt of more than nothing is a sale; the attempt's id is the invoice id, so Dub keeps one sale however
 * often Clerk delivers the event. An organization that pays is credited to the member whose sign-up is its lead
 * ({@link ClerkOrganization#leadUserId}). In deferred mode with {@code payment} in {@code DUB_QUALIFY_ON}, the
 * payer's lead is qualified first, so that the sale finds it; a failure there fails the delivery before any sale.
 */
@ApplicationScoped
class PaymentEvents {
    static final String PAID = "paid";

    private final DubClient dub;
    private final ClerkClient clerk;
    private final Qualification qualification;
    private final Qualifiers qualifiers;
    private final UpstreamBudgets budgets;

    PaymentEvents(DubClient dub, ClerkClient clerk, Qualification qualification, Qualifiers qualifiers,
            UpstreamBudgets budgets) {
        this.dub = dub;
        this.clerk = clerk;
        this.qualification = qualification;
        this.qualifiers = qualifiers;
        this.budgets = budgets;
    }

    Uni<WebhookOutcome> handle(PaymentAttempt attempt, Delivery delivery) {
        if (!PAID.equals(attempt.status())) {
            return done(Result.NOT_PAID);
        }
        Optional<String> user = attempt.payer() == null ? Optional.empty() : present(attempt.payer().userId());
        Optional<String> organization = attempt.payer() == null ? Optional.empty()
                : present(attempt.payer().organizationId());
        if (user.isEmpty() && organization.isEmpty()) {
            return done(Result.INVALID_PAYLOAD);
        }
        delivery.userId(user.or(() -> organization).get());
        Money total = attempt.totals() == null ? null : attempt.totals().grandTotal();
        if (total == null || total.amount() == null || total.amount() <= 0) {
            return done(Result.FREE);
        }
        if (attempt.id() == null || attempt.id().isBlank() || total.currency() == null || total.currency().isBlank()) {
            return done(Result.INVALID_PAYLOAD);
        }
        // The organization's lookup and the sale, taken of the app's budgets before either is sent.
        Uni<Void> reserved = budgets.reserve(user.isPresent() ? 0 : 1, 1);
        Uni<Optional<String>> credited = reserved.flatMap(ignored -> user.isPresent() ? Uni.createFrom().item(user)
                : clerk.organization(organization.get()).map(found -> found.flatMap(ClerkOrganization::leadUserId)));
        return credited.flatMap(customer -> {
            if (customer.isEmpty()) {
                return done(Result.NOT_ATTRIBUTED); // the organization is gone, or has no member to credit
            }
            delivery.userId(customer.get());
            Sale sale = new Sale(customer.get(), total.amount(), total.currency().toLowerCase(Locale.ROOT),
                    attempt.id(), metadata(attempt));
            return qualified(customer.get(), delivery).flatMap(ignored -> dub.trackSale(sale))
                    .map(outcome -> WebhookOutcome.done(Result.of(outcome)));
        });
    }

    private Uni<Void> qualified(String userId, Delivery delivery) {
        if (!qualifiers.on(Qualifier.PAYMENT)) {
            return Uni.createFrom().voidItem();
        }
        return qualification.qualify(userId)
                .invoke(result -> delivery.qualification(Result.of(result).wireValue())).replaceWithVoid();
    }

    private static Optional<String> present(String id) {
        return Optional.ofNullable(id).filter(text -> !text.isBlank());
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
