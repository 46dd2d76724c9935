package app.clerkdub.platform.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;


/**
 * The two URLs a token is checked against, written the one way a token writes them: {@code azp} is the
 * browser's {@code Origin} header ({@code https://app.example.com}: lower case, no path, no default port,
 * no trailing slash) and {@code iss} is Clerk's Frontend API URL, without a trailing slash. What can be
 * normalised is; what is not an origin, or not a URL, stops the start with one line naming the variable.
 */
final class Origins {
    static final String PARTIES = "CLERK_AUTHORIZED_PARTIES";
    static final String PARTIES_PROPERTY = "clerk.authorized-parties";
    static final String ISSUER = "CLERK_ISSUER";
    static final String ISSUER_PROPERTY = "clerk.issuer";

    private Origins() {
    }

    /** Comma-separated origins, each trimmed and normalised, duplicates dropped, order kept. */
    static List<String> authorizedParties(String pasted) {
        Set<String> origins = new LinkedHashSet<>();
        for (String entry : PastedValue.unquote(pasted).split(",")) {
            String origin = entry.strip();
            if (!origin.isEmpty()) {
                origins.add(origin(origin));
            }
        }
        if (origins.isEmpty()) {
            throw PastedValue.refused(PARTIES, PARTIES_PROPERTY,
                    "lists no origin: give the origins of your front end, comma-separated, like https://app.example.com");
        }
        return List.copyOf(origins);
    }

    /** {@code scheme://host[:port]}, lower case, without the default port. */
    static String origin(String entry) {
        if (entry.contains("*")) {
            throw PastedValue.refused(PARTIES, PARTIES_PROPERTY, "entry " + PastedValue.shown(entry)
                    + " is a wildcard: list each origin of your front end");
        }
        URI uri = url(entry, PARTIES, PARTIES_PROPERTY, "entry " + PastedValue.shown(entry));
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw PastedValue.refused(PARTIES, PARTIES_PROPERTY, "entry " + PastedValue.shown(entry)
                    + " is not an origin: it has a path; write it as " + base(uri));
        }
        return base(uri);
    }

    /** The issuer without its trailing slash. */
    static String issuer(String pasted) {
        String value = PastedValue.unquote(pasted);
        URI uri = url(value, ISSUER, ISSUER_PROPERTY, PastedValue.shown(value));
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return base(uri) + path;
    }

    private static URI url(String value, String variable, String property, String shown) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException notAUrl) {
            throw PastedValue.refused(variable, property, shown + " is not a URL");
        }
        if (uri.getScheme() == null) {
            throw PastedValue.refused(variable, property, shown + " has no scheme: write it as https://"
                    + value.replaceAll("/+$", ""));
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw PastedValue.refused(variable, property, shown + " is not an http(s) URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw PastedValue.refused(variable, property, shown + " has no host name (or has a user name in it)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw PastedValue.refused(variable, property, shown + " has a query or fragment (? or #)");
        }
        return uri;
    }

    private static String base(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
