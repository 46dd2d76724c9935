package app.clerkdub.platform.settings;

import java.util.Locale;
import java.util.Set;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * One rule for every setting of the service (those in application.properties.example): it is read as
 * {@link PastedValue#unquote} leaves it, wherever it was set. Quarkus' {@code .env} and
 * {@code docker run --env-file} keep the quotes around a value, a shell's {@code export} drops them.
 * The issuer and the authorized parties are also read the one way a token writes them ({@link Origins}),
 * by every reader: the mapping, and the framework's settings that refer to them
 * ({@code quarkus.oidc.token.issuer=${clerk.issuer}}, {@code quarkus.http.cors.origins}). Whichever source
 * wins keeps winning: only how its value reads changes. (A value that is itself an expression, as the
 * sandbox's issuer is, is taken as written.)
 * <p>
 * Between the profile interceptor (3200) and the expression interceptor (3300): it sees both a property
 * ({@code clerk.secret-key}) and the variable an expression reads ({@code ${CLERK_SECRET_KEY}}).
 */
@Priority(3250)
public class PastedValues implements ConfigSourceInterceptor {
    private static final Set<String> PREFIXES = Set.of("clerk", "dub", "lead", "upstream", "quota", "state");
    private static final Set<String> SERVICE = Set.of("PORT", "MANAGEMENT_PORT", "LOG_JSON", "LOG_JSON_LEVEL_KEY");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value == null || value.getValue() == null || !isSetting(name)) {
            return value;
        }
        String read = read(name, PastedValue.unquote(value.getValue()));
        return read.equals(value.getValue()) ? value : value.withValue(read);
    }

    /** The unquoted text; for the issuer and the authorized parties, normalised (refused if it can't be). */
    static String read(String name, String unquoted) {
        if (unquoted.isEmpty() || unquoted.contains("${")) {
            return unquoted;
        }
        return switch (PastedValue.variable(name)) {
            case Origins.ISSUER -> Origins.issuer(unquoted);
            case Origins.PARTIES -> String.join(",", Origins.authorizedParties(unquoted));
            default -> unquoted;
        };
    }

    /** A property of the service's own ({@code dub.api-key}) or the variable that sets it ({@code DUB_API_KEY}). */
    static boolean isSetting(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SERVICE.contains(name)
                || PREFIXES.stream().anyMatch(prefix -> lower.startsWith(prefix + ".") || lower.startsWith(prefix + "_"));
    }
}
