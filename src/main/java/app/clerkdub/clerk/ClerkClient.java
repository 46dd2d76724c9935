package app.clerkdub.clerk;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import app.clerkdub.clerk.ClerkClient.ClerkBackendApi.MetadataUpdate;
import app.clerkdub.platform.upstream.RetryAfter;
import app.clerkdub.platform.upstream.Upstream;
import app.clerkdub.platform.upstream.UpstreamCalls;
import app.clerkdub.platform.upstream.UpstreamException;
import app.clerkdub.platform.upstream.UpstreamException.Kind;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * Clerk's Backend API as this service needs it. Each operation is retried and has a circuit breaker
 * of its own; every failure leaves here as an {@link UpstreamException}. The calls are timed as
 * {@code clerk_get_user}, {@code clerk_update_metadata} and {@code clerk_get_organization}. Beside it, what only
 * it needs or makes: the REST interface ({@link ClerkBackendApi}) with the metadata it writes and Clerk's error body,
 * the user as read ({@link ClerkUser}) and the click recorded on the user ({@link ClickIdMetadata}).
 */
@ApplicationScoped
public class ClerkClient {
    private static final Predicate<Throwable> NOT_FOUND = UpstreamException.is(Kind.NOT_FOUND);

    private final ClerkBackendApi api;
    private final UpstreamCalls.Operation getUser;
    private final UpstreamCalls.Operation updateMetadata;
    private final UpstreamCalls.Operation getOrganization;

    ClerkClient(@RestClient ClerkBackendApi api, UpstreamCalls calls) {
        this.api = api;
        this.getUser = calls.operation(Upstream.CLERK, "get_user");
        this.updateMetadata = calls.operation(Upstream.CLERK, "update_metadata");
        this.getOrganization = calls.operation(Upstream.CLERK, "get_organization");
    }

    /** The user's current record, or empty when Clerk no longer knows the user. */
    public Uni<Optional<ClerkUser>> find(String userId) {
        return getUser.call(() -> api.getUser(userId)
                .map(Optional::of)
                .onFailure(NOT_FOUND).recoverWithItem(Optional.empty()));
    }

    /**
     * Deep-merges {@code dubClickId} into the user's public metadata, and the fingerprint of the customer Dub holds
     * ({@value ClerkUser#CUSTOMER_KEY}, null when Dub holds none) into the private metadata; other keys are kept.
     */
    public Uni<Void> recordClickId(String userId, ClickIdMetadata mark, String customerFingerprint) {
        return updateMetadata.call(() -> api.updateMetadata(userId,
                MetadataUpdate.clickId(mark.value(), customerFingerprint)));
    }

    /** Deep-merges {@code dubClickId} and {@code dubLead} (deferred mode), with the customer's fingerprint. */
    public Uni<Void> recordLead(String userId, ClickIdMetadata mark, LeadState state, String customerFingerprint) {
        return updateMetadata.call(() -> api.updateMetadata(userId,
                MetadataUpdate.lead(mark, state, customerFingerprint)));
    }

    /** Deep-merges the fingerprint of what Dub now holds about the user into the user's private metadata. */
    public Uni<Void> recordCustomer(String userId, String customerFingerprint) {
        return updateMetadata.call(() -> api.updateMetadata(userId, MetadataUpdate.customerSent(customerFingerprint)));
    }

    /** Deep-merges {@code dubLead} alone into the user's public metadata. */
    public Uni<Void> recordLeadState(String userId, LeadState state) {
        return updateMetadata.call(() -> api.updateMetadata(userId, MetadataUpdate.leadState(state)));
    }

    /** The organization as it is now, or empty when Clerk no longer knows it. */
    public Uni<Optional<ClerkOrganization>> organization(String organizationId) {
        return getOrganization.call(() -> api.getOrganization(organizationId)
                .map(Optional::of)
                .onFailure(NOT_FOUND).recoverWithItem(Optional.empty()));
    }

    /**
     * The {@code dubClickId} key of a user's public metadata: where this service records that the user's lead was
     * handled, and how. Any non-empty string there means handled; anything else, not yet.
     */
    public sealed interface ClickIdMetadata {
        String KEY = "dubClickId";

        /** What the key holds. */
        String value();

        /** The lead was sent to Dub for this click. */
        record Click(String clickId) implements ClickIdMetadata {
            @Override
            public String value() {
                return clickId;
            }
        }

        /** Handled with no click to credit: none came with the sign-up, or Dub did not know the one that came. */
        enum NoClick implements ClickIdMetadata {
            INSTANCE;

            /** How the key says it; the SPA and Clerk's dashboard show it as is. */
            static final String VALUE = "n/a";

            @Override
            public String value() {
                return VALUE;
            }
        }

        /** What a value of the key stands for. */
        static ClickIdMetadata of(String value) {
            return NoClick.VALUE.equals(value) ? NoClick.INSTANCE : new Click(value);
        }

        /** From the Backend API's {@code public_metadata}. */
        static Optional<ClickIdMetadata> read(Map<String, Object> publicMetadata) {
            if (publicMetadata == null) {
                return Optional.empty();
            }
            return publicMetadata.get(KEY) instanceof String value && !value.isEmpty()
                    ? Optional.of(of(value))
                    : Optional.empty();
        }

        /** From a session-token claim: whatever type the claim has, only an object can hold the key. */
        static Optional<ClickIdMetadata> readClaim(Object claim) {
            if (!(claim instanceof JsonObject metadata)) {
                return Optional.empty();
            }
            JsonValue value = metadata.get(KEY);
            return value instanceof JsonString text && !text.getString().isEmpty()
                    ? Optional.of(of(text.getString()))
                    : Optional.empty();
        }
    }

    /**
     * The fields of Clerk's {@code User} that a lead needs, from the Backend API or from a {@code user.updated} event,
     * which carries the same object. The webhook reads it with the application's {@code ObjectMapper} outside the REST
     * layer: hence the annotation (covering {@link EmailAddress} too), for the native binary.
     */
    @RegisterForReflection
    public record ClerkUser(
            String id,
            @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName,
            String username,
            @JsonProperty("image_url") String imageUrl,
            @JsonProperty("primary_email_address_id") String primaryEmailAddressId,
            @JsonProperty("email_addresses") List<EmailAddress> emailAddresses,
            @JsonProperty("public_metadata") Map<String, Object> publicMetadata,
            @JsonProperty("private_metadata") Map<String, Object> privateMetadata) {

        public record EmailAddress(String id, @JsonProperty("email_address") String emailAddress) {
        }

        /**
         * The key of the user's public metadata by which the app's backend says the user qualified, with
         * {@code true}: Clerk's {@code user.updated} carries it here.
         */
        public static final String QUALIFIED_KEY = "dubQualified";

        /**
         * The key of the user's private metadata that holds the fingerprint of what Dub was last sent about the user
         * (name, email, avatar): private, since no session token or browser needs it.
         */
        public static final String CUSTOMER_KEY = "dubCustomer";

        /** What the user's metadata records of their lead, when it records anything. */
        public Optional<ClickIdMetadata> dubClickId() {
            return ClickIdMetadata.read(publicMetadata);
        }

        /** Whether Dub holds a customer for the user: a lead was sent, or a deferred one is pending, for a click. */
        public boolean knownToDub() {
            return dubClickId().filter(ClickIdMetadata.Click.class::isInstance).isPresent();
        }

        /** The fingerprint of what Dub was last sent about the user, when one is recorded. */
        public Optional<String> customerFingerprint() {
            return privateMetadata != null && privateMetadata.get(CUSTOMER_KEY) instanceof String fingerprint
                    && !fingerprint.isEmpty() ? Optional.of(fingerprint) : Optional.empty();
        }

        /** Where the user's deferred lead stands, when it is deferred. */
        public Optional<LeadState> dubLead() {
            return LeadState.read(publicMetadata);
        }

        /** Whether the app marked the user qualified ({@value #QUALIFIED_KEY} is {@code true}). */
        public boolean qualifiedByApp() {
            return qualifiedIn(publicMetadata);
        }

        /** Whether public metadata, from the Backend API or a webhook, marks the user qualified. */
        public static boolean qualifiedIn(Map<String, Object> publicMetadata) {
            return publicMetadata != null && Boolean.TRUE.equals(publicMetadata.get(QUALIFIED_KEY));
        }

        /** First and last name, else the username, else nothing. */
        public Optional<String> displayName() {
            String full = String.join(" ", nonBlank(firstName), nonBlank(lastName)).trim();
            if (!full.isEmpty()) {
                return Optional.of(full);
            }
            return Optional.ofNullable(username).filter(name -> !name.isBlank());
        }

        public Optional<String> primaryEmail() {
            if (primaryEmailAddressId == null || emailAddresses == null) {
                return Optional.empty();
            }
            return emailAddresses.stream()
                    .filter(address -> primaryEmailAddressId.equals(address.id()))
                    .map(EmailAddress::emailAddress)
                    .filter(address -> address != null && !address.isBlank())
                    .findFirst();
        }

        public Optional<String> avatar() {
            return Optional.ofNullable(imageUrl).filter(url -> !url.isBlank());
        }

        private static String nonBlank(String value) {
            return value == null ? "" : value.trim();
        }
    }

    /**
     * The Clerk Backend API operations this service uses; only {@link ClerkClient} calls them. The secret key goes on
     * every request as {@code quarkus.rest-client.clerk-api.headers.Authorization} says, and is never logged.
     */
    @Path("/v1")
    @RegisterRestClient(configKey = "clerk-api")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public interface ClerkBackendApi {

        @GET
        @Path("/users/{userId}")
        Uni<ClerkUser> getUser(@PathParam("userId") String userId);

        /** Clerk answers with the whole user again; only the status matters, so the body is not read into one. */
        @PATCH
        @Path("/users/{userId}/metadata")
        Uni<Void> updateMetadata(@PathParam("userId") String userId, MetadataUpdate update);

        /** The organization, by id; an organization that pays is credited to one of its members. */
        @GET
        @Path("/organizations/{organizationId}")
        Uni<ClerkOrganization> getOrganization(@PathParam("organizationId") String organizationId);

        /** Clerk's errors come as {@code ClerkErrors}; its {@code Retry-After} is in seconds. */
        @ClientExceptionMapper
        static RuntimeException toException(Response response) {
            ClerkErrors errors = readErrors(response);
            int status = response.getStatus();
            return UpstreamException.answered(Upstream.CLERK, UpstreamException.Kind.ofStatus(status), status,
                    errors == null ? null : errors.firstCode(),
                    errors == null ? null : errors.firstMessage(),
                    RetryAfter.parse(response.getHeaderString("Retry-After"), Clock.systemUTC()).orElse(null),
                    errors == null ? null : errors.clerkTraceId());
        }

        private static ClerkErrors readErrors(Response response) {
            try {
                return response.readEntity(ClerkErrors.class);
            } catch (RuntimeException notClerkErrors) {
                // A proxy's HTML page or an empty body: the status alone tells what happened.
                return null;
            }
        }

        /**
         * Body of {@code PATCH /v1/users/{id}/metadata}: Clerk deep-merges each object given, so other keys survive; an
         * object not given is left as it is. One update writes the lead's mark and the fingerprint of what Dub was sent
         * together, so that the {@code user.updated} it causes already shows both.
         */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record MetadataUpdate(@JsonProperty("public_metadata") Map<String, Object> publicMetadata,
                @JsonProperty("private_metadata") Map<String, Object> privateMetadata) {

            /** The mark, and the fingerprint of the customer Dub now holds, when it holds one (null: none). */
            public static MetadataUpdate clickId(String clickId, String customerFingerprint) {
                return new MetadataUpdate(Map.of(ClickIdMetadata.KEY, clickId), customer(customerFingerprint));
            }

            /** The click and where its deferred lead stands, in one update, with the customer's fingerprint. */
            public static MetadataUpdate lead(ClickIdMetadata mark, LeadState state, String customerFingerprint) {
                return new MetadataUpdate(Map.of(ClickIdMetadata.KEY, mark.value(), LeadState.KEY, state.value()),
                        customer(customerFingerprint));
            }

            /** Where the deferred lead stands, the click left as it is. */
            public static MetadataUpdate leadState(LeadState state) {
                return new MetadataUpdate(Map.of(LeadState.KEY, state.value()), null);
            }

            /** The fingerprint of what Dub now holds about the user, the public metadata left as it is. */
            public static MetadataUpdate customerSent(String customerFingerprint) {
                return new MetadataUpdate(null, customer(customerFingerprint));
            }

            private static Map<String, Object> customer(String fingerprint) {
                return fingerprint == null ? null : Map.of(ClerkUser.CUSTOMER_KEY, fingerprint);
            }
        }

        /**
         * Clerk's error body: {@code {"errors":[{"message","long_message","code"}],"clerk_trace_id"}}.
         * <p>
         * Read only through {@code Response.readEntity} in the client's exception mapper, which the build does not
         * see: the annotation (which covers {@link ClerkError} too) keeps it readable in the native binary.
         */
        @RegisterForReflection
        public record ClerkErrors(List<ClerkError> errors, @JsonProperty("clerk_trace_id") String clerkTraceId) {

            public record ClerkError(String message, @JsonProperty("long_message") String longMessage, String code) {
            }

            String firstCode() {
                return errors == null || errors.isEmpty() ? null : errors.get(0).code();
            }

            String firstMessage() {
                return errors == null || errors.isEmpty() ? null : errors.get(0).message();
            }
        }
    }
}
