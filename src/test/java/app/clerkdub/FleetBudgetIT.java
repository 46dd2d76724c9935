package app.clerkdub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.Fakes;
import io.restassured.response.Response;

/**
 * The app-wide budget of Dub requests ({@code DUB_RATE_LIMIT}) is one for the whole fleet: past it, every instance
 * answers 429 with {@code Retry-After}, sends nothing and marks nobody.
 */
class FleetBudgetIT {
    static final int INSTANCES = 2;
    static Fleet fleet;

    @BeforeAll
    static void startTheFleet() throws Exception {
        // Three leads for the test, beside the one each instance sends as it warms up.
        fleet = Fleet.start(INSTANCES, Map.of("DUB_RATE_LIMIT", (INSTANCES + 3) + "/1m"));
    }

    @AfterAll
    static void stopTheFleet() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void sixNewUsersOverBothInstancesMakeThreeDubRequestsAndThreeAreToldToComeBack() {
        Fakes.reset();
        Fakes.dub().givenLeadTracked();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Response answer = FleetIT.track(fleet.get(i), FleetIT.newUser());
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                assertEquals("rate_limited", answer.path("error.code"), answer.asString());
                String retryAfter = answer.header("Retry-After");
                assertNotNull(retryAfter);
                assertTrue(Integer.parseInt(retryAfter) > 0 && Integer.parseInt(retryAfter) <= 60, retryAfter);
            }
        }
        assertEquals(List.of(200, 200, 200, 429, 429, 429), statuses);
        assertEquals(3, Fakes.dub().leads().size());
        assertEquals(3, Fakes.clerk().metadataUpdates().size(), "nobody is marked without a lead");
    }
}
