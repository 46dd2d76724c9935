package app.clerkdub.lead;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.clerk.ClerkClient;
import app.clerkdub.clerk.ClerkOrganization;
import app.clerkdub.dub.DubClient;
import app.clerkdub.dub.DubClient.SaleOutcome;
import app.clerkdub.dub.Sale;
import app.clerkdub.lead.Outcome.QualifyResult;
import app.clerkdub.lead.Outcome.SaleResult;
import app.clerkdub.platform.state.SharedState.UpstreamBudgets;
import io.smallrye.mutiny.Uni;

/**
 * A payment, credited to the payer's lead at Dub as a sale. The payment's id is the invoice id, so Dub keeps one
 * sale however often the payment is told. An organization that pays is credited to the member whose sign-up is its
 * lead ({@link ClerkOrganization#leadUserId}). In deferred mode with {@code payment} in {@code DUB_QUALIFY_ON}, the
 * payer's lead is qualified first, so that the sale finds it; a failure there fails before any sale.
 */
@ApplicationScoped
public class Sales {
    /**
     * A paid payment of more than nothing.
     *
     * @param payer the paying user, or, when empty, {@code organization}
     * @param amount in the currency's smallest unit
     * @param currency lower case, as Dub takes it
     */
    public record Payment(Optional<String> payer, Optional<String> organization, long amount, String currency,
            String invoiceId, Map<String, String> metadata) {
    }

    /** How the sale ended, whom it credited, and how the payer's lead was qualified first, when it was. */
    public record Sold(SaleResult result, Optional<String> credited, Optional<QualifyResult> qualification) {
    }

    private final DubClient dub;
    private final ClerkClient clerk;
    private final Qualification qualification;
    private final UpstreamBudgets budgets;

    Sales(DubClient dub, ClerkClient clerk, Qualification qualification, UpstreamBudgets budgets) {
        this.dub = dub;
        this.clerk = clerk;
        this.qualification = qualification;
        this.budgets = budgets;
    }

    /** What a caller may note as the sale goes, before its outcome: whom it credits, how the lead was qualified. */
    public interface Progress {
        default void credited(String userId) {
        }

        default void qualified(QualifyResult result) {
        }
    }

    /** The sale; {@code progress} hears each step as it ends, so that a failure after it still shows it. */
    public Uni<Sold> credit(Payment payment, Progress progress) {
        // The organization's lookup and the sale, taken of the app's budgets before either is sent.
        Uni<Void> reserved = budgets.reserve(payment.payer().isPresent() ? 0 : 1, 1);
        Uni<Optional<String>> credited = reserved.flatMap(ignored -> payment.payer().isPresent()
                ? Uni.createFrom().item(payment.payer())
                : clerk.organization(payment.organization().orElseThrow())
                        .map(found -> found.flatMap(ClerkOrganization::leadUserId)));
        return credited.flatMap(customer -> {
            if (customer.isEmpty()) {
                return Uni.createFrom().item(new Sold(SaleResult.NOT_ATTRIBUTED, customer, Optional.empty()));
            }
            progress.credited(customer.get());
            Sale sale = new Sale(customer.get(), payment.amount(), payment.currency(), payment.invoiceId(),
                    payment.metadata());
            return qualification.onPayment(customer.get())
                    .invoke(qualified -> qualified.ifPresent(progress::qualified))
                    .flatMap(qualified -> dub.trackSale(sale).map(outcome -> new Sold(
                            outcome == SaleOutcome.RECORDED ? SaleResult.SALE_RECORDED : SaleResult.NOT_ATTRIBUTED,
                            customer, qualified)));
        });
    }
}
