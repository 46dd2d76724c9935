package app.clerkdub.lead;

import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.clerkdub.clerk.ClerkConfig;
import app.clerkdub.clerk.ClickIdMetadata;
import app.clerkdub.dub.DubConfig;
import io.quarkus.arc.ClientProxy;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code POST /api/track-lead}: credits the signed-in user's sign-up to the Dub click that brought them. */
@Path("/api/track-lead")
@Authenticated
public class TrackLeadResource {
    private final JsonWebToken session;
    private final LeadTracker tracker;
    private final ClerkConfig clerk;
    private final DubConfig dub;
    private final LeadConfig config;
    private final ObjectMapper json;
    private final RequestLog log;
    private final RequestRecord record;

    TrackLeadResource(JsonWebToken session, LeadTracker tracker, ClerkConfig clerk, DubConfig dub,
            LeadConfig config, ObjectMapper json, RequestLog log, RequestRecord record) {
        this.session = session;
        this.tracker = tracker;
        this.clerk = clerk;
        this.dub = dub;
        this.config = config;
        this.json = json;
        this.log = log;
        this.record = record;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<LeadResult>> trackLead(
            @RestCookie(DubIdCookie.NAME) String cookieClickId,
            @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RestHeader("Origin") String origin,
            String body) {
        // The flow may outlive the request (a deadline passed): it reports to the record itself, not the proxy.
        RequestRecord thisRequest = ClientProxy.unwrap(record);
        thisRequest.userId(session.getSubject());
        Optional<String> clickId = ClickIds.resolve(cookieClickId, contentType, body, json);
        if (ClickIdMetadata.readClaim(session.getClaim(clerk.metadataClaim())).isPresent()) {
            return Uni.createFrom().item(respond(LeadResult.of(LeadStatus.ALREADY_TRACKED), origin, thisRequest));
        }
        return tracker.track(session.getSubject(), clickId, thisRequest::upstream)
                .ifNoItem().after(config.deadline()).failWith(() -> new DeadlineExceededException(config.deadline()))
                .map(result -> respond(result, origin, thisRequest));
    }

    private RestResponse<LeadResult> respond(LeadResult result, String origin, RequestRecord thisRequest) {
        log.finish(thisRequest, 200, result.status().wireValue());
        if (!result.status().consumedClick()) {
            return RestResponse.ok(result);
        }
        return RestResponse.ResponseBuilder.ok(result)
                .header(HttpHeaders.SET_COOKIE, DubIdCookie.cleared(dub.cookieDomain(), origin, clerk.authorizedParties()))
                .build();
    }
}
