package app.clerkdub.dub;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code PATCH /customers/{id}} ({@code updateCustomer} in Dub's OpenAPI spec): the fields a lead sends about
 * its customer, as the lead sends them; a field the user has no value for is left out, as the lead leaves it out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DubCustomerUpdate(String name, String email, String avatar) {
}
