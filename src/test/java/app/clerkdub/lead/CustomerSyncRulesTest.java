package app.clerkdub.lead;

import static app.clerkdub.lead.InMemoryWorld.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.clerkdub.clerk.ClerkClient.ClerkUser;
import app.clerkdub.dub.InMemoryDub;
import app.clerkdub.lead.LeadFlow.UserNotFoundException;
import app.clerkdub.lead.Outcome.SyncResult;
import app.clerkdub.sandbox.DubCustomer;

/**
 * The user's customer at Dub kept in step: erased when the user is deleted, for good (no late sign-up makes it
 * again), and sent a changed name once, an unchanged user costing nothing.
 */
class CustomerSyncRulesTest {
    private final InMemoryWorld world = InMemoryWorld.atSignUp();
    private final String user = world.user("user_sync");

    @Test
    void anErasureDeletesTheCustomerAndARepeatFindsNoneAtDub() {
        await(world.signUp(user, world.click()));
        assertEquals(1, world.simulation.customers().size());

        assertEquals(SyncResult.ERASED, await(world.customers.erase(user)));
        assertEquals(List.of(), world.simulation.customers());
        assertEquals(SyncResult.UNKNOWN_CUSTOMER, await(world.customers.erase(user)), "Dub's 404 for the customer");
    }

    @Test
    void aSignUpThatArrivesAfterTheErasureSendsNothingToDub() {
        await(world.customers.erase(user));
        int leads = world.dubApi.leadsSent().size();
        assertThrows(UserNotFoundException.class, () -> await(world.signUp(user, world.click())),
                "Clerk still answers for the user, but the erasure is recorded");
        assertEquals(leads, world.dubApi.leadsSent().size());
        assertEquals(List.of(), world.simulation.customers());
    }

    @Test
    void aChangedNameIsSentOnceAndTheSameUserAgainCostsNoCall() {
        await(world.signUp(user, world.click()));
        app.clerkdub.sandbox.ClerkUser now = world.simulation.user(user).orElseThrow();
        world.simulation.putUser(now.withNames("Augusta", "King", now.username()));
        ClerkUser shown = await(world.clerk.find(user)).orElseThrow();

        assertEquals(SyncResult.UPDATED, await(world.customers.updated(shown)));
        DubCustomer customer = world.simulation.customers().get(0);
        assertEquals("Augusta King", customer.name());
        assertEquals(1, world.dubApi.sent("PATCH", InMemoryDub.CUSTOMERS).size());

        ClerkUser after = await(world.clerk.find(user)).orElseThrow();
        int calls = world.clerkApi.sent().size() + world.dubApi.sent().size();
        assertEquals(SyncResult.UNCHANGED, await(world.customers.updated(after)), "the fingerprint was recorded");
        assertEquals(calls, world.clerkApi.sent().size() + world.dubApi.sent().size());
    }
}
