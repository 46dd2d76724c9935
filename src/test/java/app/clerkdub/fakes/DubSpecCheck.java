package app.clerkdub.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * After each test, every lead, sale and customer update the service sent must be valid against Dub's
 * {@code trackLead}, {@code trackSale} and {@code updateCustomer} schemas.
 */
public class DubSpecCheck implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        for (LoggedRequest lead : Fakes.dub().leads()) {
            assertEquals(List.of(), DubSpec.requestViolations(lead.getBodyAsString()), lead.getBodyAsString());
        }
        for (LoggedRequest sale : Fakes.dub().sales()) {
            assertEquals(List.of(), DubSpec.saleRequestViolations(sale.getBodyAsString()), sale.getBodyAsString());
        }
        for (LoggedRequest update : Fakes.dub().customerUpdates()) {
            assertEquals(List.of(), DubSpec.customerUpdateViolations(update.getBodyAsString()), update.getBodyAsString());
        }
    }
}
