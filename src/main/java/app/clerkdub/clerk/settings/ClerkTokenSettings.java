package app.clerkdub.clerk.settings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Checks Clerk's settings before anything uses them, and turns them into what token verification needs.
 * A value that is wrong stops the start with one line naming its variable (see {@link PastedValue}), and so
 * does a wrong number, duration or key anywhere in the settings ({@link SettingsCheck}):
 * failing here, while the configuration is built, comes before quarkus-oidc reads a bad key and before
 * the mappings report a derived property as merely missing.
 * <ul>
 * <li>{@code clerk.issuer} from {@code CLERK_PUBLISHABLE_KEY} ({@link PublishableKey}), at an ordinal
 * below every file and variable, so an explicit {@code CLERK_ISSUER} wins;</li>
 * <li>{@code CLERK_ISSUER} and {@code CLERK_AUTHORIZED_PARTIES}, normalised ({@link Origins}) and
 * published again under their own names at {@value #NORMALISED_ORDINAL}, above system properties (400):
 * the value normalised is the one that won among the other sources, so this only rewrites it, and every
 * reader gets the clean list, {@code quarkus.http.cors.origins=${clerk.authorized-parties}} included;</li>
 * <li>{@code quarkus.oidc.public-key} from {@code CLERK_JWT_KEY} ({@link PemKey}), whose armour, escapes
 * and quotes quarkus-oidc does not accept. With a key, {@code quarkus.oidc.auth-server-url} is also
 * emptied (just above the application's own files): quarkus-oidc would otherwise try to reach the issuer
 * at start and refuse every token while it can't.</li>
 * </ul>
 * A factory does not see what other factories publish: in dev mode the sandbox's own values
 * ({@code SandboxDefaults}, 270) are not checked here, and need not be.
 */
public class ClerkTokenSettings implements ConfigSourceFactory {
    static final int ORDINAL = 50;
    /** Above application.properties (250), below environment variables (300). */
    static final int PEM_MODE_ORDINAL = 275;
    static final int NORMALISED_ORDINAL = 450;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> derived = new HashMap<>();
        Map<String, String> normalised = new HashMap<>();
        Map<String, String> pemMode = new HashMap<>();
        SettingsCheck.check(context);
        // By its variable: no mapping reads the property, so a properties file could not set it.
        value(context, PublishableKey.VARIABLE, PublishableKey::issuerOf)
                .ifPresent(issuer -> derived.put(Origins.ISSUER_PROPERTY, issuer));
        value(context, Origins.ISSUER_PROPERTY, Origins::issuer)
                .ifPresent(issuer -> normalised.put(Origins.ISSUER_PROPERTY, issuer));
        value(context, Origins.PARTIES_PROPERTY, Origins::authorizedParties)
                .ifPresent(parties -> normalised.put(Origins.PARTIES_PROPERTY, String.join(",", parties)));
        value(context, PemKey.PROPERTY, PemKey::parse).ifPresent(key -> {
            derived.put("quarkus.oidc.public-key", PemKey.base64(key));
            // An empty value removes the property: with a PEM there is no server to connect to.
            pemMode.put("quarkus.oidc.auth-server-url", "");
        });
        return List.of(source("clerk token settings", derived, ORDINAL),
                source("clerk PEM mode", pemMode, PEM_MODE_ORDINAL),
                source("clerk settings, normalised", normalised, NORMALISED_ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** The checked form of a setting that has a value (see {@link PastedValue#text}). */
    private static <T> Optional<T> value(ConfigSourceContext context, String name, Function<String, T> check) {
        return PastedValue.text(context, name).map(check);
    }

    private static ConfigSource source(String name, Map<String, String> values, int ordinal) {
        return new MapBackedConfigSource(name, values, ordinal) {
        };
    }
}
