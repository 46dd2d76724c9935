package app.clerkdub.lead.quota;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.TestProfiles.PemKey.session;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.Requests;
import app.clerkdub.fakes.SessionTokens;
import app.clerkdub.fakes.TestProfiles;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A flood of distinct users and distinct addresses fills every in-memory map it reaches to its bound and no
 * further, the {@code quota_entries} gauge reports each map's size, and the service goes on answering. The bounds
 * are set low here ({@value #BOUND}) so that the flood overflows them, and the budgets last an hour so that none
 * is forgotten by its period while the flood runs; the profile checks session tokens with a PEM key, which changes
 * nothing here.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
@TestProfile(TestProfiles.PemKey.class)
class FloodTest {
    static final int BOUND = TestProfiles.PemKey.BOUND;
    static final int FIRST = 50;
    static final int FLOOD = 2 * BOUND;
    /** Each user is tracked and spends one run; each refused token spends its address's budget once. */
    static final List<String> MAPS = List.of("tracked_users", "user_budgets", "client_budgets");

    @Test
    void floodOfDistinctUsersAndAddressesFillsEveryMapToItsBound() throws Exception {
        Fakes.reset();
        // Every user Clerk is asked about is tracked: each one is remembered.
        Fakes.clerk().server().stubFor(get(urlPathMatching("/v1/users/[^/]+")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(ClerkUser.named("user_flood").withMetadata(Map.of("dubClickId", "clk_flood")).toJson())));

        // Below the bound the gauge counts every new key: the other tests of this profile leave a few behind.
        Map<String, Double> before = entries();
        flood(0, FIRST);
        Map<String, Double> first = entries();
        for (String map : MAPS) {
            assertTrue(before.get(map) + FIRST <= BOUND, map + " starts too full to count: " + before.get(map));
            assertEquals(before.get(map) + FIRST, first.get(map), map + " after " + FIRST + " new keys");
        }

        // Past the bound each map holds exactly the bound: it keeps what fits and forgets the rest.
        flood(FIRST, FLOOD);
        Map<String, Double> after = entries();
        for (String map : MAPS) {
            assertEquals(BOUND, after.get(map), map + " after " + (FIRST + FLOOD) + " new keys");
        }

        // Still answering, and a new user is served in full.
        String fresh = "user_after_flood";
        Fakes.clerk().givenUser(ClerkUser.named(fresh));
        withBearer(session().subject(fresh).sign()).post(PATH).then().statusCode(200)
                .body("status", equalTo("no_click"));
        assertEquals(1, Fakes.clerk().metadataUpdates().size());
    }

    /** New users, each from an address of its own, and a refused token from each of as many more addresses. */
    private static void flood(int first, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = first + i;
                calls.add(pool.submit(() -> withBearer(session().subject("user_flood_" + n).sign())
                        .header("X-Forwarded-For", address(10, n)).post(PATH).statusCode()));
                calls.add(pool.submit(() -> withBearer(session().signedBy(SessionTokens.otherKeys()).sign())
                        .header("X-Forwarded-For", address(172, n)).post(PATH).statusCode()));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertEquals(i % 2 == 0 ? 200 : 401, calls.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String address(int first, int n) {
        return first + "." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    /**
     * What the {@code quota_entries} gauge reports for each map, as Prometheus scrapes it; a budget's map, and its
     * gauge, exist from the first key spent, so a map with no gauge yet holds nothing.
     */
    private static Map<String, Double> entries() {
        String metrics = Requests.management().get("/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> entries = new LinkedHashMap<>();
        for (String map : MAPS) {
            Matcher line = Pattern.compile("(?m)^quota_entries\\{map=\"" + map + "\"\\} (\\S+)$").matcher(metrics);
            entries.put(map, line.find() ? Double.parseDouble(line.group(1)) : 0.0);
        }
        return entries;
    }
}
