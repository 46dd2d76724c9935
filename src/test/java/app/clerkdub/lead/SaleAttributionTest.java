package app.clerkdub.lead;

import static app.clerkdub.lead.InMemoryWorld.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import app.clerkdub.clerk.ClerkOrganization;
import app.clerkdub.dub.DubClient.DubTrackApi.DubSaleRequest;
import app.clerkdub.dub.InMemoryDub;
import app.clerkdub.fakes.InMemoryApi.Sent;
import app.clerkdub.lead.Outcome.QualifyResult;
import app.clerkdub.lead.Outcome.SaleResult;
import app.clerkdub.lead.Sales.Sold;

/**
 * A payment credited as a Dub sale: to the paying user, or to the member an organization's metadata names, else its
 * creator; nobody's click when there is nobody, or when Dub holds no lead for them. In deferred mode with
 * {@code payment} in {@code DUB_QUALIFY_ON} the payer is qualified first, so that the sale finds the lead.
 */
class SaleAttributionTest {

    @Test
    void aUsersPaymentIsCreditedToThemAsOneSalePerInvoice() {
        InMemoryWorld world = InMemoryWorld.atSignUp();
        String user = signedUp(world, "user_pays");
        Sold sold = await(world.pays(user, "in_1"));
        assertEquals(new Sold(SaleResult.SALE_RECORDED, Optional.of(user), Optional.empty()), sold);
        DubSaleRequest sale = world.dubApi.salesSent().get(0);
        assertEquals(user, sale.customerExternalId());
        assertEquals("Sign Up", sale.leadEventName());
        assertEquals("in_1", sale.invoiceId());

        assertEquals(SaleResult.SALE_RECORDED, await(world.pays(user, "in_1")).result(), "the same payment, told again");
        assertEquals(1, world.simulation.sales().size(), "Dub keeps one sale per invoice id");
    }

    @Test
    void anOrganizationsPaymentIsCreditedToTheMemberItsMetadataNames() {
        InMemoryWorld world = InMemoryWorld.atSignUp();
        String creator = signedUp(world, "user_creator");
        String member = signedUp(world, "user_member");
        String organization = world.organization("org_named", creator,
                Map.of(ClerkOrganization.LEAD_USER_KEY, member));
        Sold sold = await(world.organizationPays(organization, "in_org_named"));
        assertEquals(SaleResult.SALE_RECORDED, sold.result());
        assertEquals(Optional.of(member), sold.credited());
        assertEquals(member, world.simulation.sales().get(0).customerExternalId());
    }

    @Test
    void anOrganizationsPaymentIsCreditedToItsCreatorWhenItsMetadataNamesNobody() {
        InMemoryWorld world = InMemoryWorld.atSignUp();
        String creator = signedUp(world, "user_creator");
        String organization = world.organization("org_created", creator, Map.of());
        Sold sold = await(world.organizationPays(organization, "in_org_created"));
        assertEquals(new Sold(SaleResult.SALE_RECORDED, Optional.of(creator), Optional.empty()), sold);
        assertEquals(creator, world.simulation.sales().get(0).customerExternalId());
    }

    @Test
    void anOrganizationWithNobodyToCreditIsNotAttributedAndNoSaleIsSent() {
        InMemoryWorld world = InMemoryWorld.atSignUp();
        String orphan = world.organization("org_orphan", null, Map.of());
        assertEquals(new Sold(SaleResult.NOT_ATTRIBUTED, Optional.empty(), Optional.empty()),
                await(world.organizationPays(orphan, "in_orphan")));
        assertEquals(new Sold(SaleResult.NOT_ATTRIBUTED, Optional.empty(), Optional.empty()),
                await(world.organizationPays("org_clerk_never_had", "in_unknown")), "Clerk's 404 for it");
        assertEquals(List.of(), world.dubApi.sent());
    }

    @Test
    void aPaymentOfAUserDubHasNoLeadForIsNotAttributed() {
        InMemoryWorld world = InMemoryWorld.atSignUp();
        String user = world.user("user_never_came_through_a_link");
        Sold sold = await(world.pays(user, "in_no_lead"));
        assertEquals(new Sold(SaleResult.NOT_ATTRIBUTED, Optional.of(user), Optional.empty()), sold);
        assertEquals(1, world.dubApi.salesSent().size(), "Dub was asked, and answered customer: null");
        assertEquals(List.of(), world.simulation.sales());
    }

    @Test
    void withPaymentInDubQualifyOnAPaymentBeforeQualificationQualifiesFirstThenRecordsTheSale() {
        InMemoryWorld world = InMemoryWorld.deferred("metadata", "payment");
        String user = signedUp(world, "user_pays_first");
        Sold sold = await(world.pays(user, "in_first"));
        assertEquals(new Sold(SaleResult.SALE_RECORDED, Optional.of(user), Optional.of(QualifyResult.QUALIFIED)), sold);
        assertEquals(List.of(InMemoryDub.LEADS, InMemoryDub.LEADS, InMemoryDub.SALES),
                world.dubApi.sent().stream().map(Sent::path).toList(), "the deferred call, the qualified lead, the sale");
        assertEquals("Qualified Lead", world.dubApi.salesSent().get(0).leadEventName());
        assertEquals(1, world.simulation.leads().size());
        assertEquals(1, world.simulation.sales().size(), "the sale found its lead");

        Sold again = await(world.pays(user, "in_first"));
        assertEquals(Optional.of(QualifyResult.ALREADY_QUALIFIED), again.qualification());
        assertEquals(SaleResult.SALE_RECORDED, again.result());
        assertEquals(2, world.dubApi.leadsSent().size(), "qualified once");
        assertEquals(1, world.simulation.sales().size());
    }

    @Test
    void withoutPaymentInDubQualifyOnASaleBeforeQualificationFindsNoLeadAndIsNotAttributed() {
        InMemoryWorld world = InMemoryWorld.deferred("metadata");
        String user = signedUp(world, "user_pays_unqualified");
        Sold sold = await(world.pays(user, "in_unqualified"));
        assertEquals(new Sold(SaleResult.NOT_ATTRIBUTED, Optional.of(user), Optional.empty()), sold);
        assertEquals(1, world.dubApi.leadsSent().size(), "the deferred call only");
        assertEquals(List.of(), world.simulation.sales());
    }

    private static String signedUp(InMemoryWorld world, String userId) {
        world.user(userId);
        await(world.signUp(userId, world.click()));
        return userId;
    }
}
