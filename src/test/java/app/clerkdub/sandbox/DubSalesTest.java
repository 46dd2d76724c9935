package app.clerkdub.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.clerkdub.fakes.DubSpec;

/** The sandbox Dub's sales behave as Dub's: one per invoice id, nothing for a customer without a lead. */
class DubSalesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneSalePerInvoiceIdAndNoneWithoutALead() throws Exception {
        DubSandbox dub = new DubSandbox();
        DubSales sales = new DubSales(dub);
        String sale = "{\"customerExternalId\":\"user_1\",\"amount\":2200,\"currency\":\"usd\",\"invoiceId\":\"pa_1\"}";

        DubReply withoutLead = sales.trackSale(JSON.readTree(sale));
        assertEquals("{\"eventName\":\"Purchase\",\"customer\":null,\"sale\":null}", JSON.writeValueAsString(withoutLead.body()));

        String clickId = dub.click("launch", URI.create("https://app.example.com/"));
        dub.trackLead(JSON.readTree("{\"clickId\":\"" + clickId + "\",\"eventName\":\"Sign Up\",\"customerExternalId\":\"user_1\"}"));
        DubReply first = sales.trackSale(JSON.readTree(sale));
        DubReply again = sales.trackSale(JSON.readTree(sale));

        String answer = JSON.writeValueAsString(first.body());
        assertEquals(List.of(), DubSpec.saleResponseViolations(answer), answer);
        assertEquals(answer, JSON.writeValueAsString(again.body()), "a repeat gets the first answer");
        assertEquals(1, sales.sales().size(), "one sale for the invoice id");
        JsonNode recorded = JSON.readTree(answer).get("sale");
        assertEquals(2200, recorded.get("amount").asLong());
        assertTrue(recorded.get("invoiceId").asText().equals("pa_1"));
    }
}
