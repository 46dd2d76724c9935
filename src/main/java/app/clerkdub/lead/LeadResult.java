package app.clerkdub.lead;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of a successful answer: {@code {"ok":true,"status":"tracked","clickId":"..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadResult(boolean ok, LeadStatus status, String clickId) {

    static LeadResult of(LeadStatus status) {
        return new LeadResult(true, status, null);
    }

    static LeadResult of(LeadStatus status, String clickId) {
        return new LeadResult(true, status, clickId);
    }
}
