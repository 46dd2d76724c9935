package app.clerkdub.fakes;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.NonValidationKeyword;

/**
 * Schemas of {@code POST /track/lead}, {@code POST /track/sale} and {@code PATCH}/{@code DELETE /customers/{id}} from
 * Dub's own OpenAPI spec, read from the class path
 * ({@code src/test/resources/specs/dub-openapi.json}; its README says where it comes from).
 */
public final class DubSpec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SPEC = load();
    /**
     * OpenAPI 3.0, with keywords the dialect does not know (the spec's {@code x-speakeasy-...} vendor
     * extensions) validating nothing, as OpenAPI says of {@code x-} keys, instead of a warning for each.
     */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            Dialect.builder(Dialects.getOpenApi30()).unknownKeywordFactory(DubSpec::vendorExtension).build());
    private static final JsonNode TRACK_LEAD = SPEC.at("/paths/~1track~1lead/post");
    private static final JsonNode TRACK_SALE = SPEC.at("/paths/~1track~1sale/post");
    private static final JsonNode UPDATE_CUSTOMER = SPEC.at("/paths/~1customers~1{id}/patch");
    private static final JsonNode DELETE_CUSTOMER = SPEC.at("/paths/~1customers~1{id}/delete");

    private DubSpec() {
    }

    /** Violations of the {@code trackLead} request body; empty when the body is valid. */
    public static List<String> requestViolations(String body) {
        return violations(TRACK_LEAD.at("/requestBody/content/application~1json/schema"), body);
    }

    /** Violations of the 200 answer, so that the fake never answers what Dub would not. */
    public static List<String> responseViolations(String body) {
        return violations(TRACK_LEAD.at("/responses/200/content/application~1json/schema"), body);
    }

    /** Violations of the {@code trackSale} request body; empty when the body is valid. */
    public static List<String> saleRequestViolations(String body) {
        return violations(TRACK_SALE.at("/requestBody/content/application~1json/schema"), body);
    }

    /** Violations of {@code trackSale}'s 200 answer. */
    public static List<String> saleResponseViolations(String body) {
        return violations(TRACK_SALE.at("/responses/200/content/application~1json/schema"), body);
    }

    /** Violations of the {@code updateCustomer} request body. */
    public static List<String> customerUpdateViolations(String body) {
        return violations(UPDATE_CUSTOMER.at("/requestBody/content/application~1json/schema"), body);
    }

    /** Violations of {@code updateCustomer}'s 200 answer. */
    public static List<String> customerUpdatedViolations(String body) {
        return violations(UPDATE_CUSTOMER.at("/responses/200/content/application~1json/schema"), body);
    }

    /** Violations of {@code deleteCustomer}'s 200 answer. */
    public static List<String> customerDeletedViolations(String body) {
        return violations(DELETE_CUSTOMER.at("/responses/200/content/application~1json/schema"), body);
    }

    /** Violations of the error body shared by every error status. */
    public static List<String> errorViolations(int status, String body) {
        String ref = TRACK_LEAD.at("/responses/" + status + "/$ref").asText();
        JsonNode response = SPEC.at(ref.substring(1));
        return violations(response.at("/content/application~1json/schema"), body);
    }

    private static List<String> violations(JsonNode schemaNode, String body) {
        if (schemaNode.isMissingNode()) {
            throw new IllegalStateException("schema not found in Dub's spec");
        }
        Schema schema = REGISTRY.getSchema(schemaNode);
        try {
            return schema.validate(JSON.readTree(body)).stream().map(Object::toString).toList();
        } catch (IOException notJson) {
            return List.of("not JSON: " + notJson.getMessage());
        }
    }

    private static Keyword vendorExtension(String name, SchemaContext context) {
        return new NonValidationKeyword(name);
    }

    private static JsonNode load() {
        try (InputStream in = DubSpec.class.getResourceAsStream("/specs/dub-openapi.json")) {
            return JSON.readTree(in);
        } catch (IOException missing) {
            throw new IllegalStateException(missing);
        }
    }
}
