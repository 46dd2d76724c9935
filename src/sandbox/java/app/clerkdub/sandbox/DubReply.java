package app.clerkdub.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

import app.clerkdub.dub.DubClient.DubTrackApi.DubErrorBody;

/**
 * An HTTP answer of simulated Dub, in dev mode and in the tests alike: a status and a JSON body in the shapes
 * of Dub's spec.
 */
public record DubReply(int status, Object body) {

    /** {@code POST /track/lead}'s 200; a null link is Dub's answer to a duplicate. */
    public static DubReply lead(String clickId, DubLink link, DubCustomer customer) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("click", Map.of("id", clickId));
        answer.put("link", link == null ? null : link.toJson());
        answer.put("customer", customer);
        return new DubReply(200, answer);
    }

    /** {@code PATCH /customers/{id}}'s 200: the customer as Dub now holds it. */
    public static DubReply customer(String customerId, DubCustomer customer, java.time.Instant createdAt) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", customerId);
        answer.put("name", customer.name());
        answer.put("email", customer.email());
        answer.put("avatar", customer.avatar());
        answer.put("externalId", customer.externalId());
        answer.put("createdAt", createdAt.toString());
        return new DubReply(200, answer);
    }

    /** A sale Dub recorded ({@code POST /track/sale}'s 200). */
    public record Sale(long amount, String currency, String paymentProcessor, String invoiceId, Object metadata) {
    }

    /**
     * {@code POST /track/sale}'s 200: the sale and the customer it was credited to, or both null where Dub holds
     * no lead of the customer (a no-op).
     */
    public static DubReply sale(String eventName, String customerId, DubCustomer customer, Sale sale) {
        Map<String, Object> customerJson = null;
        if (customer != null) {
            customerJson = new LinkedHashMap<>();
            customerJson.put("id", customerId);
            customerJson.put("name", customer.name());
            customerJson.put("email", customer.email());
            customerJson.put("avatar", customer.avatar());
            customerJson.put("externalId", customer.externalId());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("eventName", eventName);
        answer.put("customer", customerJson);
        answer.put("sale", sale);
        return new DubReply(200, answer);
    }

    /** Dub's error body; its {@code doc_url} replaces only the first underscore of the code. */
    public static DubReply error(int status, String code, String message) {
        return new DubReply(status, new DubErrorBody(new DubErrorBody.Error(code, message,
                "https://dub.co/docs/api-reference/errors#" + code.replaceFirst("_", "-"))));
    }
}
