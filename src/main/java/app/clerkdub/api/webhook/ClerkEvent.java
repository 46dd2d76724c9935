package app.clerkdub.api.webhook;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Clerk's webhook envelope (its spec's {@code WebhookEventPayload}) and the parts of the events handled,
 * as Clerk's webhook spec (version 2025-04-15) describes them. Read with the application's
 * {@code ObjectMapper} outside the REST layer, which registers nothing for it: hence the annotation, which
 * covers the nested records too, for the native binary.
 */
@RegisterForReflection
record ClerkEvent(String type, JsonNode data) {
    static final String USER_CREATED = "user.created";
    static final String PAYMENT_ATTEMPT_UPDATED = "paymentAttempt.updated";
    static final String USER_UPDATED = "user.updated";
    static final String ORGANIZATION_CREATED = "organization.created";
    static final String USER_DELETED = "user.deleted";

    /** {@code user.created}'s {@code data}: the new user; the SPA put the click id into its unsafe metadata. */
    record UserCreated(String id, @JsonProperty("unsafe_metadata") Map<String, Object> unsafeMetadata) {
    }

    /** {@code user.updated}'s {@code data}: the user as it is now, its public metadata included. */
    record UserUpdated(String id, @JsonProperty("public_metadata") Map<String, Object> publicMetadata) {
    }

    /** {@code user.deleted}'s {@code data} (the spec's {@code DeletedObject}): the user can no longer be read. */
    record UserDeleted(String id, Boolean deleted) {
    }

    /** {@code organization.created}'s {@code data} (the spec's {@code Organization}): who created it. */
    record OrganizationCreated(String id, @JsonProperty("created_by") String createdBy) {
    }

    /** {@code paymentAttempt.updated}'s {@code data} (the spec's {@code PaymentAttemptEventPayload}). */
    record PaymentAttempt(String id, String status, @JsonProperty("charge_type") String chargeType,
            @JsonProperty("statement_id") String statementId, Payer payer, Totals totals,
            @JsonProperty("subscription_items") List<Item> subscriptionItems) {
    }

    /** A user pays for themself ({@code user_id}), or an organization does ({@code organization_id}). */
    record Payer(@JsonProperty("user_id") String userId, @JsonProperty("organization_id") String organizationId) {
    }

    record Totals(@JsonProperty("grand_total") Money grandTotal) {
    }

    /** {@code amount} in the currency's smallest unit, as Clerk's fee objects give it. */
    record Money(Long amount, String currency) {
    }

    record Item(Plan plan) {
    }

    record Plan(String slug) {
    }
}
