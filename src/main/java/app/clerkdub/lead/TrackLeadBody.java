package app.clerkdub.lead;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The optional request body, as the OpenAPI document describes it (the endpoint reads it by hand, see ClickIds). */
@Schema(description = "Optional. Cross-site SPAs send the click id here, since the dub_id cookie can't reach the API.")
public record TrackLeadBody(
        @Schema(description = "The Dub click id (the dub_id cookie's value). The cookie wins when both are present.",
                pattern = "^[A-Za-z0-9_-]{1,128}$", examples = "clk_1JX8Z3MQWV0GX4Y2") String clickId) {
}
