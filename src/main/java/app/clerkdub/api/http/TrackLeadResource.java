package app.clerkdub.api.http;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import app.clerkdub.api.http.Refusal.ApiError;
import app.clerkdub.api.http.RequestLog.RequestRecord;
import app.clerkdub.clerk.ClerkClient.ClickIdMetadata;
import app.clerkdub.clerk.ClerkConfig;
import app.clerkdub.dub.DubClient.ClickId;
import app.clerkdub.dub.DubConfig;
import app.clerkdub.lead.LeadConfig;
import app.clerkdub.lead.LeadFlow;
import app.clerkdub.lead.Outcome.LeadStatus;
import app.clerkdub.lead.Outcome.SignUpOutcome;
import app.clerkdub.platform.upstream.UpstreamCalls.CallTimings;
import app.clerkdub.platform.upstream.UpstreamCalls.Deadline;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/track-lead}: credits the signed-in user's sign-up to the Dub click that brought them. Its body, its
 * answer and the {@code dub_id} cookie it reads and clears ({@link DubIdCookie}) are beside it.
 */
@Path(TrackLeadResource.PATH)
@Authenticated
public class TrackLeadResource {
    public static final String PATH = "/api/track-lead";
    /** The error body's schema (the front door's ApiError), described in META-INF/openapi.yaml. */
    private static final String ERROR = "ApiError";

    private final JsonWebToken session;
    private final LeadFlow flow;
    private final RequestLog log;
    private final RoutingContext request;
    private final Deadline deadline;
    /** The most a call may take, retries included ({@code lead.deadline}); past it, 504 while the flow still ends. */
    private final Duration limit;
    private final String metadataClaim;
    private final Optional<String> cookieDomain;
    private final List<String> authorizedParties;

    TrackLeadResource(JsonWebToken session, LeadFlow flow, RequestLog log, RoutingContext request, Deadline deadline,
            LeadConfig lead, ClerkConfig clerk, DubConfig dub) {
        this.session = session;
        this.flow = flow;
        this.log = log;
        this.request = request;
        this.deadline = deadline;
        this.limit = lead.deadline();
        this.metadataClaim = clerk.metadataClaim();
        this.cookieDomain = dub.cookieDomain();
        this.authorizedParties = List.copyOf(clerk.authorizedParties());
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, "application/*+json" })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Credit the signed-in user's sign-up to the Dub click that brought them",
            description = "Sends one lead to Dub per user, records dubClickId in the user's Clerk public metadata, "
                    + "and clears the dub_id cookie once the click is spent. Safe to call on every page load.")
    @SecurityRequirement(name = "ClerkSession")
    @RequestBody(required = false)
    @APIResponse(responseCode = "200", description = "already_tracked, no_click, tracked, duplicate or unknown_click",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadResult.class)))
    @APIResponse(responseCode = "400", description = "invalid_json, invalid_body or invalid_click_id", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "401", description = "unauthorized: no valid Clerk session token", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "403", description = "session_pending", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "404", description = "user_not_found: Clerk no longer has the session's user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "413", description = "payload_too_large: body over 16 KB", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "415", description = "unsupported_media_type: a body that is not JSON",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "429", description = "rate_limited with Retry-After: this user, or this address's "
            + "refused tokens, went over the limit; nothing was sent upstream", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "502", description = "dub_unavailable or clerk_unavailable: nothing is lost, call again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "503",
            description = "dub_unavailable or clerk_unavailable with Retry-After: circuit open, or Clerk's keys "
                    + "unreachable; busy with Retry-After: too many sign-ups under way at once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "504", description = "an upstream or the request deadline timed out: call again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    public Uni<RestResponse<LeadResult>> trackLead(@RestCookie(DubIdCookie.NAME) String cookie,
            @RestHeader("Origin") String origin, @Valid TrackLeadBody body) {
        RequestRecord thisRequest = RequestRecord.of(request);
        CallTimings.collectInto(thisRequest.upstreamTimings(), thisRequest.upstreamTraces());
        thisRequest.userId(session.getSubject());
        Optional<String> fromCookie = Optional.ofNullable(cookie).filter(value -> !value.isEmpty());
        // A cookie that is not a click id is no input of the caller's to fix: the answer clears it.
        if (fromCookie.isPresent() && !ClickId.isValid(fromCookie.get())) {
            thisRequest.invalidCookie();
        }
        Optional<String> cookieClick = fromCookie.filter(ClickId::isValid);
        Optional<String> clickId = cookieClick.or(() -> Optional.ofNullable(body).map(TrackLeadBody::clickId));
        Optional<ClickIdMetadata> known = ClickIdMetadata.readClaim(session.getClaim(metadataClaim))
                .filter(TrackLeadResource::recordedHere);
        return deadline.bound(flow.track(session.getSubject(), known, clickId), limit)
                .map(outcome -> respond(outcome, cookieClick, origin, thisRequest));
    }

    /**
     * Whether the claim's value is one this service writes: a click id or {@code n/a}. Anything else, such as a
     * shortcode's own text where Clerk left it unrendered, is no answer: the user is read from Clerk, which costs
     * one read, where trusting it would answer every user {@code already_tracked} and send no lead.
     */
    private static boolean recordedHere(ClickIdMetadata claimed) {
        return claimed instanceof ClickIdMetadata.NoClick || ClickId.isValid(claimed.value());
    }

    private RestResponse<LeadResult> respond(SignUpOutcome outcome, Optional<String> cookieClick, String origin,
            RequestRecord thisRequest) {
        log.finish(thisRequest, 200, outcome.status().wireValue());
        LeadResult body = LeadResult.of(outcome);
        // A spent click, or a cookie that was never a click id: either way the browser should drop it.
        if (!outcome.spends(cookieClick) && !thisRequest.hadInvalidCookie()) {
            return RestResponse.ok(body);
        }
        return RestResponse.ResponseBuilder.ok(body)
                .header(HttpHeaders.SET_COOKIE, DubIdCookie.cleared(cookieDomain, origin, authorizedParties))
                .build();
    }

    /** The optional request body. The framework parses it and checks the click id against {@link ClickId#REGEX}. */
    @Schema(description = "Optional. Cross-site SPAs send the click id here, since the dub_id cookie can't reach the API.")
    public record TrackLeadBody(
            @Schema(description = "The Dub click id (the dub_id cookie's value). The cookie wins when both are present.",
                    examples = "clk_1JX8Z3MQWV0GX4Y2")
            @Pattern(regexp = ClickId.REGEX, message = ClickId.RULE)
            @JsonDeserialize(using = TrackLeadBody.StrictString.class) String clickId) {

        /** A JSON string only: Jackson would otherwise turn {@code 42} or {@code true} into a click id. */
        static final class StrictString extends StdScalarDeserializer<String> {
            StrictString() {
                super(String.class);
            }

            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) throws java.io.IOException {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    return (String) context.handleUnexpectedToken(String.class, parser);
                }
                return parser.getText();
            }
        }
    }

    /** The body of a successful answer: {@code {"ok":true,"status":"tracked","clickId":"..."}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LeadResult(boolean ok, LeadStatus status, String clickId) {

        static LeadResult of(SignUpOutcome outcome) {
            return new LeadResult(true, outcome.status(), outcome.clickId());
        }
    }

    /**
     * Clears the {@code dub_id} cookie once its click is spent. A cookie set with a {@code Domain} is only
     * deleted by a {@code Set-Cookie} with the same {@code Domain}, and Dub's script sets it on {@code .}
     * plus the page's host without {@code www.} (none on localhost): the same rule is applied to the
     * request's {@code Origin} when no domain is configured.
     */
    static final class DubIdCookie {
        static final String NAME = "dub_id";
        private static final String CLEARED = NAME + "=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
        private static final java.util.regex.Pattern IP_V4 = java.util.regex.Pattern.compile("^[0-9.]+$");

        private DubIdCookie() {
        }

        static String cleared(Optional<String> configuredDomain, String origin, Collection<String> allowedOrigins) {
            Optional<String> domain = configuredDomain.filter(value -> !value.isBlank())
                    .or(() -> derivedDomain(origin, allowedOrigins));
            return domain.map(value -> CLEARED + "; Domain=" + value).orElse(CLEARED);
        }

        static Optional<String> derivedDomain(String origin, Collection<String> allowedOrigins) {
            if (origin == null || !allowedOrigins.contains(origin)) {
                return Optional.empty();
            }
            String host;
            try {
                host = URI.create(origin).getHost();
            } catch (IllegalArgumentException notAnOrigin) {
                return Optional.empty();
            }
            if (host == null) {
                return Optional.empty();
            }
            host = host.toLowerCase(Locale.ROOT);
            if (host.equals("localhost") || host.startsWith("[") || IP_V4.matcher(host).matches()) {
                return Optional.empty();
            }
            return Optional.of("." + (host.startsWith("www.") ? host.substring(4) : host));
        }
    }
}
