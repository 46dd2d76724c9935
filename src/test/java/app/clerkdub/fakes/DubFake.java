package app.clerkdub.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import app.clerkdub.sandbox.DubCustomer;
import app.clerkdub.sandbox.DubLink;
import app.clerkdub.sandbox.DubReply;

/**
 * Dub's {@code POST /track/lead} and {@code POST /track/sale} as its OpenAPI spec and server describe them: a
 * 200 with the link, a 200 with {@code link: null} for a duplicate, a sale or {@code sale: null} without a lead,
 * the {@code {"error":{...}}} body for errors, and {@code Retry-After}/{@code X-RateLimit-Reset} as epoch
 * milliseconds. Every canned body is written by simulated
 * Dub ({@link DubReply}) and checked against the spec when it is stubbed.
 */
public final class DubFake {
    public static final String API_KEY = "dub_fake";
    public static final String PATH = "/track/lead";
    public static final String SALE_PATH = "/track/sale";
    /** {@code /customers/{id}}, the customer named by the external id of its lead: {@code ext_<user id>}. */
    public static final String CUSTOMERS_PATH = "/customers/";
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

    /** Dub answers {@code DELETE /customers/{id}} with this, in place of simulated Dub. */
    public void givenCustomerDeleteAnswer(ResponseDefinitionBuilder answer) {
        server.stubFor(delete(urlPathMatching(CUSTOMERS_PATH + ".+"))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .willReturn(answer));
    }

    /** Dub answers {@code PATCH /customers/{id}} with this, in place of simulated Dub. */
    public void givenCustomerUpdateAnswer(ResponseDefinitionBuilder answer) {
        server.stubFor(patch(urlPathMatching(CUSTOMERS_PATH + ".+"))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .willReturn(answer));
    }

    /** Dub is well again: {@code /customers/{id}} is answered by simulated Dub, in place of the answers given before. */
    public void givenCustomersAnsweredAsDub() {
        givenCustomerDeleteAnswer(Simulated.answer());
        givenCustomerUpdateAnswer(Simulated.answer());
    }

    public List<LoggedRequest> customerUpdates() {
        return server.findAll(patchRequestedFor(urlPathMatching(CUSTOMERS_PATH + ".+")));
    }

    public List<LoggedRequest> customerDeletions() {
        return server.findAll(deleteRequestedFor(urlPathMatching(CUSTOMERS_PATH + ".+")));
    }

    /** {@code deleteCustomer}'s 200: the deleted customer's id. */
    public static ResponseDefinitionBuilder customerDeleted() {
        return answer(new DubReply(200, Map.of("id", "cus_1JX8Z3MQWV0GX4Y2")), DubSpec::customerDeletedViolations);
    }

    /** Dub holds no customer of this id. */
    public static ResponseDefinitionBuilder customerNotFound() {
        return error(404, "not_found", "Customer not found.");
    }

    /**
     * A sale recorded for the customer's lead. Dub answers a repeat of the invoice id with this same cached
     * answer (and records nothing more), so one canned answer serves every delivery.
     */
    public static ResponseDefinitionBuilder saleRecorded(String externalId, long amount, String currency,
            String invoiceId, Map<String, Object> metadata) {
        return answer(DubReply.sale("Purchase", "cus_1JX8Z3MQWV0GX4Y2", customer(externalId),
                new DubReply.Sale(amount, currency, "custom", invoiceId, metadata)), DubSpec::saleResponseViolations);
    }

    /** Dub knows no lead for the customer: a no-op 200 with {@code customer} and {@code sale} null. */
    public static ResponseDefinitionBuilder saleNotAttributed() {
        return answer(DubReply.sale("Purchase", null, null, null), DubSpec::saleResponseViolations);
    }

    /** A lead recorded and credited to its link. */
    public static ResponseDefinitionBuilder tracked() {
        return lead(new DubLink("link_1JX8Z3MQWV0GX4Y2", "dub.sh", "launch", "https://app.example.com/"));
    }

    /** Dub's 7-day dedup: the same customer and event name again. */
    public static ResponseDefinitionBuilder duplicate() {
        return lead(null);
    }

    public static ResponseDefinitionBuilder clickNotFound(String clickId) {
        return error(404, "not_found", "Click event not found for clickId: " + clickId);
    }

    public static ResponseDefinitionBuilder error(int status, String code, String message) {
        return answer(DubReply.error(status, code, message), body -> DubSpec.errorViolations(status, body));
    }

    /** 429 as Dub sends it: both headers carry the reset time in epoch milliseconds. */
    public static ResponseDefinitionBuilder rateLimited(long resetEpochMillis) {
        return error(429, "rate_limit_exceeded", "Too many requests.")
                .withHeader("Retry-After", Long.toString(resetEpochMillis))
                .withHeader("X-RateLimit-Limit", "1200")
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", Long.toString(resetEpochMillis));
    }

    private static ResponseDefinitionBuilder lead(DubLink link) {
        return answer(DubReply.lead("placeholder", link, customer(SessionTokens.USER_ID)),
                DubSpec::responseViolations);
    }

    private static DubCustomer customer(String externalId) {
        return new DubCustomer("Ada Lovelace", "ada@example.com", null, externalId);
    }

    /** Simulated Dub's answer, checked against the spec so that the fake never answers what Dub would not. */
    private static ResponseDefinitionBuilder answer(DubReply reply, Function<String, List<String>> violations) {
        String body = ClerkFake.write(reply.body());
        List<String> found = violations.apply(body);
        if (!found.isEmpty()) {
            throw new IllegalStateException("fake Dub answer does not match the spec: " + found);
        }
        return ClerkFake.json(reply.status(), body);
    }
}
