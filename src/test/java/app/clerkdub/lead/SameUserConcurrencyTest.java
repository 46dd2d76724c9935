package app.clerkdub.lead;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.clerkdub.fakes.DubFake;
import app.clerkdub.fakes.DubSpecCheck;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Overlapping calls for one user share one upstream flow, and each caller gets its outcome. */
@QuarkusTest
@WithTestResource(Fakes.class)
@ExtendWith(DubSpecCheck.class)
class SameUserConcurrencyTest {
    static final int CALLERS = 20;

    @Test
    void twentyParallelCallsMakeOneDubRequestAndOneMetadataUpdate() throws Exception {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        // Dub takes a while, so that every call arrives while the first flow is still running.
        Fakes.dub().givenAnswer(DubFake.tracked().withFixedDelay(700));

        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < CALLERS; i++) {
                String token = session().sign();
                calls.add(pool.submit(() -> {
                    start.await();
                    return withBearer(token).cookie("dub_id", "clk_parallel").post(PATH);
                }));
            }
            start.countDown();
            for (Future<Response> call : calls) {
                Response response = call.get();
                assertEquals(200, response.statusCode(), response.asString());
                assertEquals("tracked", response.jsonPath().getString("status"));
                assertEquals("clk_parallel", response.jsonPath().getString("clickId"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Fakes.dub().leads().size(), "one Dub request");
        assertEquals(1, Fakes.clerk().metadataUpdates().size(), "one metadata update");
        assertEquals(1, Fakes.clerk().userReads().size(), "one user read");
    }
}
