package app.clerkdub.dub;

import java.util.Map;

/**
 * A payment to credit to the customer's lead.
 *
 * @param amount in the currency's smallest unit (cents; the whole amount for zero-decimal currencies)
 * @param invoiceId Dub keeps one sale per invoice id, so a payment sent again is not counted twice
 */
public record Sale(String customerExternalId, long amount, String currency, String invoiceId,
        Map<String, String> metadata) {
}
