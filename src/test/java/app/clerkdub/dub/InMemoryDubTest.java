package app.clerkdub.dub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import app.clerkdub.dub.DubClient.DubTrackApi.DubLeadRequest;
import app.clerkdub.fakes.InMemoryApi;
import app.clerkdub.platform.upstream.UpstreamException;
import app.clerkdub.platform.upstream.UpstreamException.Kind;

/**
 * The in-memory Dub fails as the REST client does: Dub's error answer read by {@link DubAnswers}, code and message
 * included, so that the core's tests over it see the failures the real client sees.
 */
class InMemoryDubTest {
    private final InMemoryDub dub = new InMemoryDub(InMemoryApi.simulation("sk_unused", InMemoryDub.API_KEY));

    @Test
    void anUnknownClickFailsWithDubsOwnErrorAsTheMapperReadsIt() {
        DubLeadRequest lead = new DubLeadRequest("clk_never_made", "Sign Up", "user_1", null, null, null, null);
        UpstreamException failed = assertThrows(UpstreamException.class,
                () -> dub.trackLead(lead).await().indefinitely());
        assertEquals(Kind.NOT_FOUND, failed.kind());
        assertEquals("Dub answered 404 not_found: Click event not found for clickId: clk_never_made",
                failed.getMessage());
    }
}
