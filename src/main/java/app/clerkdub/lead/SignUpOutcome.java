package app.clerkdub.lead;

import java.util.Locale;
import java.util.Optional;

import app.clerkdub.clerk.ClickIdMetadata;
import app.clerkdub.clerk.ClickIdMetadata.Click;

/**
 * How a sign-up's lead ended: its status, the click it named, and what the user's record holds once the flow is
 * done, by which the endpoint knows whether the browser's {@code dub_id} is spent.
 */
public record SignUpOutcome(LeadStatus status, String clickId, ClickIdMetadata recorded) {

    /** The user's record already held {@code recorded}: nothing was sent anywhere. */
    static SignUpOutcome alreadyTracked(ClickIdMetadata recorded) {
        return new SignUpOutcome(LeadStatus.ALREADY_TRACKED, null, recorded);
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

    /** The outcome as the runs that waited for it on other instances read it: status, click and record. */
    String told() {
        return "lead|" + status.wireValue() + "|" + (clickId == null ? "" : clickId) + "|" + recorded.value();
    }

    /** The outcome another instance's run told, when it was a sign-up's (a qualification's tells its own). */
    static Optional<SignUpOutcome> fromTold(String told) {
        String[] parts = told.split("\\|", 4);
        if (parts.length != 4 || !parts[0].equals("lead")) {
            return Optional.empty();
        }
        LeadStatus status = LeadStatus.valueOf(parts[1].toUpperCase(Locale.ROOT));
        return Optional.of(new SignUpOutcome(status, parts[2].isEmpty() ? null : parts[2], ClickIdMetadata.of(parts[3])));
    }
}
