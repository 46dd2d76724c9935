package app.clerkdub.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;

import app.clerkdub.lead.LeadStatus;
import app.clerkdub.lead.SignUpOutcome;

/** The body of a successful answer: {@code {"ok":true,"status":"tracked","clickId":"..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadResult(boolean ok, LeadStatus status, String clickId) {

    static LeadResult of(SignUpOutcome outcome) {
        return new LeadResult(true, outcome.status(), outcome.clickId());
    }
}
