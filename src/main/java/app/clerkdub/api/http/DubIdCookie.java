package app.clerkdub.api.http;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import app.clerkdub.dub.ClickId;

/**
 * Clears the {@code dub_id} cookie once its click is spent. A cookie set with a {@code Domain} is only
 * deleted by a {@code Set-Cookie} with the same {@code Domain}, and Dub's script sets it on {@code .}
 * plus the page's host without {@code www.} (none on localhost): the same rule is applied to the
 * request's {@code Origin} when no domain is configured.
 */
final class DubIdCookie {
    static final String NAME = "dub_id";
    private static final String CLEARED = NAME + "=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
    private static final Pattern IP_V4 = Pattern.compile("^[0-9.]+$");

    private DubIdCookie() {
    }

    /** A cookie that is not a click id is no input of the caller's to fix: the answer clears it. */
    static boolean isClickId(String value) {
        return ClickId.isValid(value);
    }

    static String cleared(Optional<String> configuredDomain, String origin, Collection<String> allowedOrigins) {
        Optional<String> domain = configuredDomain.filter(value -> !value.isBlank())
                .or(() -> derivedDomain(origin, allowedOrigins));
        return domain.map(value -> CLEARED + "; Domain=" + value).orElse(CLEARED);
    }

    static Optional<String> derivedDomain(String origin, Collection<String> allowedOrigins) {
        if (origin == null || !allowedOrigins.contains(origin)) {
            return Optional.empty();
        }
        String host;
        try {
            host = URI.create(origin).getHost();
        } catch (IllegalArgumentException notAnOrigin) {
            return Optional.empty();
        }
        if (host == null) {
            return Optional.empty();
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.startsWith("[") || IP_V4.matcher(host).matches()) {
            return Optional.empty();
        }
        return Optional.of("." + (host.startsWith("www.") ? host.substring(4) : host));
    }
}
