package app.clerkdub.platform.logging;

import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Takes secrets out of every log line before it is written, whoever logs it: quarkus-oidc, at
 * DEBUG, prints the tokens it rejects, and a library's message may quote a header. JWTs, Clerk
 * secret keys, Dub API keys and webhook signing secrets become {@code [redacted]}, in the message and in every MDC entry (the JSON
 * lines' fields, see {@link RequestFacts}). quarkus-oidc's advice for an unreachable issuer, which is about
 * Keycloak's realms, is replaced by what applies to Clerk.
 */
@LoggingFilter(name = SecretRedaction.NAME)
public final class SecretRedaction implements Filter {
    public static final String NAME = "secret-redaction";
    static final String REDACTED = "[redacted]";
    static final Pattern SECRETS = Pattern.compile(
            "eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*" // a JWS: header.payload.signature
                    + "|\\bsk_(?:live|test)_[A-Za-z0-9]+" // Clerk secret keys
                    + "|\\bdub_[A-Za-z0-9]{16,}" // Dub API keys (dub_ and a long random part)
                    + "|\\bwhsec_[A-Za-z0-9+/=]{8,}"); // Clerk's webhook signing secrets
    static final Pattern KEYCLOAK_HINT = Pattern.compile(
            " Note it has to end with a realm value if you work with Keycloak, for example: '[^']*'");
    static final String CLERK_HINT = " Clerk's issuer is the instance's Frontend API URL (CLERK_ISSUER, or derived from "
            + "CLERK_PUBLISHABLE_KEY), and it must be reachable from here.";

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record instanceof ExtLogRecord extended ? extended.getFormattedMessage() : record.getMessage();
        if (message != null && (SECRETS.matcher(message).find() || KEYCLOAK_HINT.matcher(message).find())) {
            String redacted = redact(message);
            if (record instanceof ExtLogRecord extended) {
                extended.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(redacted);
            }
            record.setParameters(null);
        }
        if (record instanceof ExtLogRecord extended) {
            // The line's own copy of the MDC, which is what the formatter writes; the context's is left as it is.
            for (Map.Entry<String, String> entry : extended.getMdcCopy().entrySet()) {
                if (entry.getValue() != null && SECRETS.matcher(entry.getValue()).find()) {
                    extended.putMdc(entry.getKey(), redact(entry.getValue()));
                }
            }
        }
        return true;
    }

    static String redact(String text) {
        String redacted = SECRETS.matcher(text).replaceAll(REDACTED);
        return KEYCLOAK_HINT.matcher(redacted).replaceAll(Matcher.quoteReplacement(CLERK_HINT));
    }
}
