package app.clerkdub.clerk.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Turns Clerk's own settings into what token verification needs:
 * <ul>
 * <li>{@code clerk.issuer} from {@code CLERK_PUBLISHABLE_KEY}, as Clerk's SDKs do: the key is {@code pk_test_}
 * or {@code pk_live_} and the base64 of the Frontend API host followed by {@code $};</li>
 * <li>{@code quarkus.oidc.public-key} from the PEM in {@code CLERK_JWT_KEY}, whose armour lines and line
 * breaks quarkus-oidc does not accept.</li>
 * </ul>
 * The ordinal is below every file and variable, so an explicit setting always wins. With a PEM,
 * {@code quarkus.oidc.auth-server-url} is also emptied (just above the application's own files): quarkus-oidc
 * would otherwise try to reach the issuer at start and refuse every token while it can't.
 */
public class ClerkTokenSettings implements ConfigSourceFactory {
    static final int ORDINAL = 50;
    /** Above application.properties (250), below environment variables (300). */
    static final int PEM_MODE_ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> derived = new HashMap<>();
        value(context, "clerk.publishable-key").flatMap(ClerkTokenSettings::issuerOf)
                .ifPresent(issuer -> derived.put("clerk.issuer", issuer));
        Optional<String> pem = value(context, "clerk.jwt-key").map(ClerkTokenSettings::pemBody);
        pem.ifPresent(key -> derived.put("quarkus.oidc.public-key", key));
        // An empty value removes the property: with a PEM there is no server to connect to.
        Map<String, String> pemMode = pem.isPresent() ? Map.of("quarkus.oidc.auth-server-url", "") : Map.of();
        return List.of(new MapBackedConfigSource("clerk token settings", derived, ORDINAL) {
        }, new MapBackedConfigSource("clerk PEM mode", pemMode, PEM_MODE_ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return Optional.ofNullable(value).map(ConfigValue::getValue).filter(text -> !text.isBlank());
    }

    static Optional<String> issuerOf(String publishableKey) {
        String trimmed = publishableKey.trim();
        if (!trimmed.startsWith("pk_test_") && !trimmed.startsWith("pk_live_")) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(trimmed.substring(8)), StandardCharsets.UTF_8);
            if (decoded.length() < 2 || !decoded.endsWith("$")) {
                return Optional.empty();
            }
            return Optional.of("https://" + decoded.substring(0, decoded.length() - 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** The base64 body of a PEM key; {@code \n} escapes are accepted, as dashboards often copy them. */
    static String pemBody(String pem) {
        return pem.replace("\\n", "\n")
                .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                .replaceAll("\\s", "");
    }
}
