package app.clerkdub.lead;

import static app.clerkdub.lead.InMemoryWorld.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.clerkdub.clerk.ClerkClient.ClerkUser;
import app.clerkdub.clerk.ClerkClient.ClickIdMetadata;
import app.clerkdub.clerk.LeadState;
import app.clerkdub.dub.DubClient.DubTrackApi.DubLeadRequest;
import app.clerkdub.lead.Outcome.LeadStatus;
import app.clerkdub.lead.Outcome.QualifyResult;

/**
 * Deferred mode ({@code DUB_LEAD_MODE=deferred}): the sign-up stores the click on Dub's customer, and the qualified
 * lead is sent once, whichever comes first, the sign-up or the qualification.
 */
class QualificationOrderTest {
    private final InMemoryWorld world = InMemoryWorld.deferred("metadata", "organization");
    private final String user = world.user("user_deferred");
    private final String click = world.click();

    @Test
    void aDeferredSignUpStoresTheClickAtDubRecordsNoLeadAndMarksTheUserPending() {
        assertEquals(LeadStatus.TRACKED, await(world.signUp(user, click)).status());
        DubLeadRequest deferred = world.dubApi.leadsSent().get(0);
        assertEquals("deferred", deferred.mode());
        assertEquals(click, deferred.clickId());
        assertEquals(List.of(), world.simulation.leads(), "no lead yet");
        assertEquals(1, world.simulation.deferredCustomers().size(), "Dub holds the click on the customer");
        assertEquals(Map.of(ClickIdMetadata.KEY, click, LeadState.KEY, "pending"), world.publicMetadata(user));
    }

    @Test
    void aQualificationAfterTheSignUpSendsTheQualifiedLeadOnceAndARepeatIsAlreadyQualified() {
        await(world.signUp(user, click));
        Map<String, Object> shown = qualifiedByTheApp();
        assertEquals(QualifyResult.QUALIFIED, await(world.qualification.onMetadata(user, shown)));

        List<DubLeadRequest> leads = world.dubApi.leadsSent();
        assertEquals(2, leads.size(), "the deferred call, then the qualified lead");
        assertEquals("", leads.get(1).clickId(), "Dub takes the click stored on the customer");
        assertEquals("Qualified Lead", leads.get(1).eventName());
        assertEquals(user, leads.get(1).customerExternalId());
        assertNull(leads.get(1).mode());
        assertEquals(1, world.simulation.leads().size());
        assertEquals(click, world.simulation.leads().get(0).clickId(), "credited to the sign-up's click");
        assertEquals(LeadState.QUALIFIED.value(), world.publicMetadata(user).get(LeadState.KEY));

        // Clerk's user.updated for the service's own write, and another qualifying event: nothing more is sent.
        assertEquals(QualifyResult.ALREADY_QUALIFIED,
                await(world.qualification.onMetadata(user, world.publicMetadata(user))));
        assertEquals(QualifyResult.ALREADY_QUALIFIED, await(world.qualification.onOrganizationCreated(user)));
        assertEquals(2, world.dubApi.leadsSent().size());
        assertEquals(1, world.simulation.leads().size());
    }

    @Test
    void aQualificationBeforeTheSignUpMarksTheUserQualifiedFirstAndTheSignUpSendsTheQualifiedLead() {
        assertEquals(QualifyResult.AWAITING_SIGN_UP, await(world.qualification.onOrganizationCreated(user)));
        assertEquals(List.of(), world.dubApi.sent(), "nothing to send before the click");
        assertEquals(Map.of(LeadState.KEY, "qualified_first"), world.publicMetadata(user));

        assertEquals(LeadStatus.TRACKED, await(world.signUp(user, click)).status());
        List<DubLeadRequest> leads = world.dubApi.leadsSent();
        assertEquals(2, leads.size(), "the deferred call, then the qualified lead");
        assertEquals("deferred", leads.get(0).mode());
        assertEquals("Qualified Lead", leads.get(1).eventName());
        assertEquals(1, world.simulation.leads().size());
        assertEquals(Map.of(ClickIdMetadata.KEY, click, LeadState.KEY, "qualified"), world.publicMetadata(user));
        assertEquals(2, world.clerkApi.metadataWrites(user).size(), "qualified first; then the click and state in one");
    }

    @Test
    void aSecondQualificationBeforeTheSignUpIsStillAwaitingItAndSendsNothing() {
        await(world.qualification.onOrganizationCreated(user));
        assertEquals(QualifyResult.AWAITING_SIGN_UP, await(world.qualification.onOrganizationCreated(user)));
        assertEquals(List.of(), world.dubApi.sent());
        assertEquals(1, world.clerkApi.metadataWrites(user).size());
    }

    @Test
    void anEventThatDubQualifyOnLeavesOutIsNotQualifying() {
        InMemoryWorld metadataOnly = InMemoryWorld.deferred("metadata");
        String other = metadataOnly.user("user_org_not_listed");
        assertEquals(QualifyResult.NOT_QUALIFYING, await(metadataOnly.qualification.onOrganizationCreated(other)));
        assertEquals(List.of(), metadataOnly.clerkApi.sent(), "settled with no call");
    }

    @Test
    void dubWithoutTheCustomerIsNoCustomerOnceAndThenAlreadyQualified() {
        // The user's record says pending, but Dub holds no such customer (deleted there): Dub answers 400.
        world.simulation.putUser(app.clerkdub.sandbox.ClerkUser.named(user)
                .withMetadata(Map.of(ClickIdMetadata.KEY, click, LeadState.KEY, "pending")));
        assertEquals(QualifyResult.NO_CUSTOMER, await(world.qualification.onOrganizationCreated(user)));
        assertEquals(LeadState.NO_CUSTOMER.value(), world.publicMetadata(user).get(LeadState.KEY));
        assertEquals(QualifyResult.ALREADY_QUALIFIED, await(world.qualification.onOrganizationCreated(user)));
        assertEquals(1, world.dubApi.leadsSent().size(), "asked once");
    }

    /** The user's public metadata as the app's backend leaves it: Clerk's, plus {@code dubQualified: true}. */
    private Map<String, Object> qualifiedByTheApp() {
        Map<String, Object> metadata = new java.util.HashMap<>(world.publicMetadata(user));
        metadata.put(ClerkUser.QUALIFIED_KEY, true);
        world.simulation.putUser(app.clerkdub.sandbox.ClerkUser.named(user).withMetadata(metadata));
        return metadata;
    }
}
