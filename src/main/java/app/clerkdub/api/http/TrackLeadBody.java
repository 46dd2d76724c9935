package app.clerkdub.api.http;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import app.clerkdub.dub.ClickId;

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
