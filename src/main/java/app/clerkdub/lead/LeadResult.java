package app.clerkdub.lead;

import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import app.clerkdub.clerk.ClickIdMetadata;
import app.clerkdub.clerk.ClickIdMetadata.Click;

/**
 * The body of a successful answer: {@code {"ok":true,"status":"tracked","clickId":"..."}}. Beside it, not
 * sent: what the user's record holds once the flow is done, by which the answer knows whether the browser's
 * {@code dub_id} is spent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadResult(boolean ok, LeadStatus status, String clickId,
        @JsonIgnore @Schema(hidden = true) ClickIdMetadata recorded) {

    /** The user's record already held {@code recorded}: nothing was sent anywhere. */
    static LeadResult alreadyTracked(ClickIdMetadata recorded) {
        return new LeadResult(true, LeadStatus.ALREADY_TRACKED, null, recorded);
    }

    static LeadResult of(LeadStatus status, String clickId, ClickIdMetadata recorded) {
        return new LeadResult(true, status, clickId, recorded);
    }

    /**
     * Whether the browser's {@code dub_id} has served its purpose: Dub was told about a click just now, or
     * the user's record already holds the very click of the cookie (a different click is left alone: it may
     * be meant for another account signing up from this browser).
     */
    public boolean spends(Optional<String> cookieClick) {
        return status.consumedClick()
                || recorded instanceof Click click && cookieClick.filter(click.clickId()::equals).isPresent();
    }

    /** The result as the runs that waited for it on other instances read it: status, click and record. */
    String toOutcome() {
        return "lead|" + status.wireValue() + "|" + (clickId == null ? "" : clickId) + "|" + recorded.value();
    }

    /** The result another instance's run told, when it was a sign-up's (a qualification's tells none). */
    static Optional<LeadResult> fromOutcome(String outcome) {
        String[] parts = outcome.split("\\|", 4);
        if (parts.length != 4 || !parts[0].equals("lead")) {
            return Optional.empty();
        }
        LeadStatus status = LeadStatus.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT));
        return Optional.of(new LeadResult(true, status, parts[2].isEmpty() ? null : parts[2],
                ClickIdMetadata.of(parts[3])));
    }
}
