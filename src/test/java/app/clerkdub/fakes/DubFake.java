package app.clerkdub.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * Dub's {@code POST /track/lead} and {@code POST /track/sale} as its OpenAPI spec and server describe them: a
 * 200 with the link, a 200 with {@code link: null} for a duplicate, a sale or {@code sale: null} without a lead, the {@code {"error":{...}}} body for errors, and
 * {@code Retry-After}/{@code X-RateLimit-Reset} as epoch milliseconds. Every canned body is checked
 * against the spec when it is stubbed.
 */
public final class DubFake {
    public static final String API_KEY = "dub_fake";
    public static final String PATH = "/track/lead";
    public static final String SALE_PATH = "/track/sale";
    private final WireMockServer server;

    DubFake(WireMockServer server) {
        this.server = server;
    }

    public WireMockServer server() {
        return server;
    }

    public void givenAnswer(ResponseDefinitionBuilder answer) {
        server.stubFor(post(urlPathEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .willReturn(answer));
    }

    public void givenLeadTracked() {
        givenAnswer(tracked());
    }

    public List<LoggedRequest> leads() {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH)));
    }

    public void givenSaleAnswer(ResponseDefinitionBuilder answer) {
        server.stubFor(post(urlPathEqualTo(SALE_PATH))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .willReturn(answer));
    }

    public List<LoggedRequest> sales() {
        return server.findAll(postRequestedFor(urlPathEqualTo(SALE_PATH)));
    }

    /**
     * A sale recorded for the customer's lead. Dub answers a repeat of the invoice id with this same cached
     * answer (and records nothing more), so one canned answer serves every delivery.
     */
    public static ResponseDefinitionBuilder saleRecorded(String externalId, long amount, String currency,
            String invoiceId, Map<String, Object> metadata) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", "cus_1JX8Z3MQWV0GX4Y2");
        customer.put("name", "Ada Lovelace");
        customer.put("email", "ada@example.com");
        customer.put("avatar", null);
        customer.put("externalId", externalId);
        Map<String, Object> sale = new LinkedHashMap<>();
        sale.put("amount", amount);
        sale.put("currency", currency);
        sale.put("paymentProcessor", "custom");
        sale.put("invoiceId", invoiceId);
        sale.put("metadata", metadata);
        return saleAnswer(customer, sale);
    }

    /** Dub knows no lead for the customer: a no-op 200 with {@code customer} and {@code sale} null. */
    public static ResponseDefinitionBuilder saleNotAttributed() {
        return saleAnswer(null, null);
    }

    private static ResponseDefinitionBuilder saleAnswer(Map<String, Object> customer, Map<String, Object> sale) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("eventName", "Purchase");
        answer.put("customer", customer);
        answer.put("sale", sale);
        String body = ClerkFake.write(answer);
        List<String> violations = DubSpec.saleResponseViolations(body);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("fake Dub sale answer does not match the spec: " + violations);
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** A lead recorded and credited to its link. */
    public static ResponseDefinitionBuilder tracked() {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("id", "link_1JX8Z3MQWV0GX4Y2");
        link.put("domain", "dub.sh");
        link.put("key", "launch");
        link.put("shortLink", "https://dub.sh/launch");
        link.put("url", "https://app.example.com/");
        link.put("partnerId", null);
        link.put("programId", null);
        link.put("tenantId", null);
        link.put("externalId", null);
        return ok(link);
    }

    /** Dub's 7-day dedup: the same customer and event name again. */
    public static ResponseDefinitionBuilder duplicate() {
        return ok(null);
    }

    public static ResponseDefinitionBuilder clickNotFound(String clickId) {
        return error(404, "not_found", "Click event not found for clickId: " + clickId);
    }

    public static ResponseDefinitionBuilder error(int status, String code, String message) {
        String body = ClerkFake.write(Map.of("error", Map.of("code", code, "message", message,
                "doc_url", "https://dub.co/docs/api-reference/errors#" + code.replaceFirst("_", "-"))));
        List<String> violations = DubSpec.errorViolations(status, body);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("fake Dub error does not match the spec: " + violations);
        }
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** 429 as Dub sends it: both headers carry the reset time in epoch milliseconds. */
    public static ResponseDefinitionBuilder rateLimited(long resetEpochMillis) {
        return error(429, "rate_limit_exceeded", "Too many requests.")
                .withHeader("Retry-After", Long.toString(resetEpochMillis))
                .withHeader("X-RateLimit-Limit", "1200")
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", Long.toString(resetEpochMillis));
    }

    private static ResponseDefinitionBuilder ok(Map<String, Object> link) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("click", Map.of("id", "placeholder"));
        answer.put("link", link);
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("name", "Ada Lovelace");
        customer.put("email", "ada@example.com");
        customer.put("avatar", null);
        customer.put("externalId", SessionTokens.USER_ID);
        answer.put("customer", customer);
        String body = ClerkFake.write(answer);
        List<String> violations = DubSpec.responseViolations(body);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("fake Dub answer does not match the spec: " + violations);
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
