package app.clerkdub.dub;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

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
