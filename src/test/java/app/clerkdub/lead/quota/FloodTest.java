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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.Requests;
import app.clerkdub.fakes.SessionTokens;
import app.clerkdub.fakes.TestProfiles;
import app.clerkdub.sandbox.ClerkUser;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A flood of distinct users and distinct addresses leaves every in-memory map at its bound, the heap
 * small, and the service answering. The bounds are set low here (500) so that the flood overflows them; the
 * profile checks session tokens with a PEM key, which changes nothing here.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
@TestProfile(TestProfiles.PemKey.class)
class FloodTest {
    @Inject
    InMemorySpanExporter spans;

    static final int BOUND = TestProfiles.PemKey.BOUND;
    static final int FLOOD = 2_000;
    static final long MAX_HEAP_GROWTH_MB = 24;

    @Test
    void floodOfDistinctUsersAndAddressesKeepsEveryMapBoundedAndTheHeapSmall() throws Exception {
        Fakes.reset();
        // Every user Clerk is asked about is tracked: each one is remembered.
        Fakes.clerk().server().stubFor(get(urlPathMatching("/v1/users/[^/]+")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(ClerkUser.named("user_flood").withMetadata(Map.of("dubClickId", "clk_flood")).toJson())));
        flood(0, 50);
        spans.reset(); // the tests' span exporter keeps every span of the run in this JVM
        long before = usedHeapAfterGc();

        flood(50, FLOOD);

        Fakes.reset(); // the fakes' request journals live in this JVM too
        spans.reset();
        long after = usedHeapAfterGc();
        long growthMb = (after - before) / (1024 * 1024);
        System.out.printf("FloodTest: heap used after GC %d MB before, %d MB after %d users and %d addresses "
                + "(growth %d MB)%n", before >> 20, after >> 20, FLOOD, FLOOD, growthMb);
        assertTrue(growthMb < MAX_HEAP_GROWTH_MB, "heap grew by " + growthMb + " MB");

        String metrics = Requests.management().get("/metrics").then().statusCode(200).extract().asString();
        for (String map : List.of("tracked_users", "user_budgets", "client_budgets")) {
            double entries = entries(metrics, map);
            assertTrue(entries > 0 && entries <= BOUND, map + " holds " + entries);
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

    private static double entries(String metrics, String map) {
        Matcher line = Pattern.compile("(?m)^quota_entries\\{map=\"" + map + "\"\\} (\\S+)$").matcher(metrics);
        assertTrue(line.find(), "no quota_entries gauge for " + map);
        return Double.parseDouble(line.group(1));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
