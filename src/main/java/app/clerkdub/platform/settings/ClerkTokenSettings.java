package app.clerkdub.platform.settings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Checks the settings before anything uses them, and derives what token verification needs from Clerk's.
 * A value that is wrong stops the start with one line naming its variable (see {@link PastedValue}), and so
 * does a wrong number, duration or key anywhere in the settings ({@link SettingsCheck}). The checks run here,
 * while the configuration is built, because this is the one place where a refusal reaches the console as
 * its own line: once the configuration is built, the mappings report a wrong value (a failed conversion, a
 * broken constraint) as a "Configuration validation failed" block naming the property, not the variable.
 * <p>
 * What it derives is published at {@value #ORDINAL}, below every file, variable and system property, so
 * anything set explicitly wins:
 * <ul>
 * <li>{@code clerk.issuer} from {@code CLERK_PUBLISHABLE_KEY} ({@link PublishableKey});</li>
 * <li>with {@code CLERK_JWT_KEY}, {@code quarkus.oidc.public-key} ({@link PemKey}, whose armour, escapes
 * and quotes quarkus-oidc does not accept) and no {@code quarkus.oidc.auth-server-url}, so that
 * quarkus-oidc neither connects to the issuer nor refuses every token while it can't; without it,
 * {@code quarkus.oidc.auth-server-url} is {@code ${clerk.issuer}}, where the keys are fetched.</li>
 * </ul>
 * The issuer and the authorized parties are read normalised wherever they are set ({@link PastedValues}).
 * A factory does not see what other factories publish: in dev mode the sandbox's own values
 * ({@code SandboxDefaults}, 270) are not checked here, and need not be.
 */
public class ClerkTokenSettings implements ConfigSourceFactory {
    static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        try {
            return List.of(new MapBackedConfigSource("clerk token settings", derived(context), ORDINAL) {
            });
        } catch (ConfigurationException refused) {
            throw PastedValue.printed(context, refused);
        }
    }

    private static Map<String, String> derived(ConfigSourceContext context) {
        Map<String, String> derived = new HashMap<>();
        SettingsCheck.check(context);
        // By its variable: no mapping reads the property, so a properties file could not set it.
        value(context, PublishableKey.VARIABLE, PublishableKey::issuerOf)
                .ifPresent(issuer -> derived.put(Origins.ISSUER_PROPERTY, issuer));
        // Checked only: every reader gets them normalised from PastedValues.
        value(context, Origins.ISSUER_PROPERTY, Origins::issuer);
        value(context, Origins.PARTIES_PROPERTY, Origins::authorizedParties);
        Optional<String> pem = value(context, PemKey.PROPERTY, PemKey::parse).map(PemKey::base64);
        if (pem.isPresent()) {
            derived.put("quarkus.oidc.public-key", pem.get());
        } else {
            derived.put("quarkus.oidc.auth-server-url", "${" + Origins.ISSUER_PROPERTY + "}");
        }
        return derived;
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** The checked form of a setting that has a value (see {@link PastedValue#text}). */
    private static <T> Optional<T> value(ConfigSourceContext context, String name, Function<String, T> check) {
        return PastedValue.text(context, name).map(check);
    }
}
