package app.clerkdub.sandbox;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.arc.profile.UnlessBuildProfile;

/**
 * Dub's lead tracking as its server behaves (dub {@code apps/web/lib/api/conversions/track-lead.ts}): one
 * lead per customer and event name (lower-cased, spaces to '-') for 7 days, the dedup key stored before
 * the click is looked up, {@code link: null} for a duplicate, 404 for an unknown click. Deferred mode stores the
 * click on the customer and records nothing; a later lead with {@code clickId: ""} takes the customer's click, or
 * is answered 400 when there is no such customer.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class DubSandbox {
    static final Duration DEDUP_WINDOW = Duration.ofDays(7);
    static final String SHORT_DOMAIN = "dub.sh";
    private static final List<String> RANDOM_NAMES = List.of("Big Red Caribou", "Quiet Blue Heron", "Swift Green Otter");

    private final Clock clock;
    private final ConcurrentMap<String, DubLink> links = new ConcurrentHashMap<>();
    /** Click id to link id. */
    private final ConcurrentMap<String, String> clicks = new ConcurrentHashMap<>();
    /** {@code customerExternalId:eventName} to when the key expires. */
    private final ConcurrentMap<String, Instant> dedupKeys = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, DubCustomer> customers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> customerClicks = new ConcurrentHashMap<>();
    private final List<RecordedLead> leads = new CopyOnWriteArrayList<>();
    /** Customers made by a deferred call whose lead is not recorded yet. */
    private final ConcurrentMap<String, DubCustomer> deferred = new ConcurrentHashMap<>();

    @Inject
    DubSandbox() {
        this(Clock.systemUTC());
    }

    DubSandbox(Clock clock) {
        this.clock = clock;
    }

    /** A visit through the short link {@code dub.sh/key} (made on first use): the click id Dub appends as {@code dub_id}. */
    public String click(String key, URI destination) {
        DubLink link = links.computeIfAbsent(key,
                newKey -> new DubLink(SandboxIds.next("link_", 24), SHORT_DOMAIN, newKey, destination.toString()));
        String clickId = SandboxIds.next("", 16);
        clicks.put(clickId, link.id());
        return clickId;
    }

    /** The customer, once Dub holds a lead for it: what a sale needs to be credited. */
    Optional<DubCustomer> customerWithLead(String externalId) {
        return leads.stream().anyMatch(lead -> lead.customer().externalId().equals(externalId))
                ? Optional.ofNullable(customers.get(externalId)) : Optional.empty();
    }

    /** Whether the customer has a lead of this event name (Dub compares it as is, case included). */
    boolean hasLead(String externalId, String eventName) {
        return leads.stream().anyMatch(lead -> lead.customer().externalId().equals(externalId)
                && lead.eventName().equals(eventName));
    }

    /** The customers that hold a click from a deferred call and no lead yet, as Dub's customers page lists them. */
    public List<DubCustomer> deferredCustomers() {
        return List.copyOf(deferred.values());
    }

    /** The customers Dub holds, as its customers page lists them: what partners see of the users. */
    public List<DubCustomer> customers() {
        return List.copyOf(customers.values());
    }

    /**
     * {@code PATCH /customers/{id}} by {@code ext_<external id>}: each of name, email and avatar given replaces the one
     * held (zod's {@code nullish}: a null clears it); 404 for a customer Dub does not hold.
     */
    DubReply updateCustomer(String id, JsonNode body) {
        String externalId = externalId(id);
        DubCustomer held = externalId == null ? null : customers.get(externalId);
        if (held == null) {
            return customerNotFound();
        }
        DubCustomer updated = new DubCustomer(
                body.has("name") ? text(body, "name") : held.name(),
                body.has("email") ? text(body, "email") : held.email(),
                body.has("avatar") ? text(body, "avatar") : held.avatar(), externalId);
        customers.put(externalId, updated);
        deferred.computeIfPresent(externalId, (key, customer) -> updated);
        return DubReply.customer(customerId(externalId), updated, clock.instant());
    }

    /** {@code DELETE /customers/{id}}: the customer and the click stored on it are gone; 404 when there is none. */
    DubReply deleteCustomer(String id) {
        String externalId = externalId(id);
        if (externalId == null || customers.remove(externalId) == null) {
            return customerNotFound();
        }
        customerClicks.remove(externalId);
        deferred.remove(externalId);
        return new DubReply(200, java.util.Map.of("id", customerId(externalId)));
    }

    /** Dub's own id of a customer: the sandbox derives it from the external id, so that it stays the same. */
    static String customerId(String externalId) {
        return "cus_" + Integer.toUnsignedString(externalId.hashCode(), 36);
    }

    private static String externalId(String id) {
        return id != null && id.startsWith("ext_") && id.length() > 4 ? id.substring(4) : null;
    }

    private static DubReply customerNotFound() {
        return DubReply.error(404, "not_found", "Customer not found.");
    }

    /** Every lead recorded so far, newest first. */
    public List<RecordedLead> leads() {
        List<RecordedLead> newestFirst = new ArrayList<>(leads);
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** {@code POST /track/lead} with a body already parsed as JSON. */
    DubReply trackLead(JsonNode body) {
        if (!body.isObject()) {
            return DubReply.error(422, "unprocessable_entity", "Expected object, received " + body.getNodeType());
        }
        String eventName = text(body, "eventName");
        if (eventName == null || eventName.isEmpty() || eventName.length() > 255) {
            return DubReply.error(422, "unprocessable_entity",
                    "eventName: " + (eventName == null || eventName.isEmpty() ? "eventName is required"
                            : "String must contain at most 255 character(s)"));
        }
        String externalId = text(body, "customerExternalId");
        if (externalId == null || externalId.isEmpty()) {
            return DubReply.error(400, "bad_request", "customerExternalId is required");
        }
        DubCustomer customer = customerOf(body, externalId);
        String clickId = text(body, "clickId");
        if (clickId == null || clickId.isEmpty()) {
            clickId = customerClicks.get(externalId);
            customer = customers.getOrDefault(externalId, customer);
            if (clickId == null) {
                return DubReply.error(400, "bad_request", "The `clickId` property was not provided in the request, "
                        + "and no existing customer with the provided `customerExternalId` was found.");
            }
        }
        if ("deferred".equals(text(body, "mode"))) {
            // No dedup and no lead event: the click, checked as for any lead, is stored on the customer.
            DubLink link = linkOf(clickId);
            if (link == null) {
                return DubReply.error(404, "not_found", "Click event not found for clickId: " + clickId);
            }
            customerClicks.put(externalId, clickId);
            customers.put(externalId, customer);
            deferred.put(externalId, customer);
            return DubReply.lead(clickId, link, customer);
        }
        // Stored before anything is looked up, as Dub's Redis SET NX is: a 404 below still spends the key.
        if (!claimDedupKey(externalId, eventName)) {
            return DubReply.lead(clickId, null, customers.getOrDefault(externalId, customer));
        }
        DubLink link = linkOf(clickId);
        if (link == null) {
            return DubReply.error(404, "not_found", "Click event not found for clickId: " + clickId);
        }
        customers.put(externalId, customer);
        customerClicks.put(externalId, clickId);
        deferred.remove(externalId);
        leads.add(new RecordedLead(clock.instant(), eventName, clickId, link.id(), link.shortLink(), customer));
        return DubReply.lead(clickId, link, customer);
    }

    /** Dub's key: {@code trackLead:{workspace}:{customerExternalId}:{eventName lower-cased, spaces to '-'}}. */
    static String dedupKey(String externalId, String eventName) {
        return externalId + ":" + eventName.toLowerCase(Locale.ROOT).replace(" ", "-");
    }

    /** True when the key was free (or expired) and is now held for 7 days; false for a duplicate. */
    private boolean claimDedupKey(String externalId, String eventName) {
        Instant now = clock.instant();
        Instant expiry = now.plus(DEDUP_WINDOW);
        Instant held = dedupKeys.merge(dedupKey(externalId, eventName), expiry,
                (existing, fresh) -> existing.isAfter(now) ? existing : fresh);
        return held == expiry; // this very instance was stored, so this call claimed the key
    }

    private DubLink linkOf(String clickId) {
        String linkId = clicks.get(clickId);
        return linkId == null ? null
                : links.values().stream().filter(link -> link.id().equals(linkId)).findFirst().orElse(null);
    }

    /** Without a name Dub uses the email, else a random name such as "Big Red Caribou". */
    private static DubCustomer customerOf(JsonNode body, String externalId) {
        String email = text(body, "customerEmail");
        String name = text(body, "customerName");
        if (name == null) {
            name = email != null ? email
                    : RANDOM_NAMES.get(Math.floorMod(externalId.hashCode(), RANDOM_NAMES.size()));
        }
        return new DubCustomer(name, email, text(body, "customerAvatar"), externalId);
    }

    /** Strings are trimmed, as Dub's zod schema does; anything else counts as absent. */
    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.textValue().trim() : null;
    }
}
