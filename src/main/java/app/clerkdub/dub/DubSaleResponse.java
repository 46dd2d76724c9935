package app.clerkdub.dub;

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
