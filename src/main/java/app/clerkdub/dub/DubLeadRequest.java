package app.clerkdub.dub;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of {@code POST /track/lead}, as {@code trackLead} in Dub's OpenAPI spec describes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DubLeadRequest(
        String clickId,
        String eventName,
        String customerExternalId,
        String customerName,
        String customerEmail,
        String customerAvatar,
        String mode) {
}
