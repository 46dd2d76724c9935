package app.clerkdub.lambda;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

/**
 * On Lambda the secrets stay in Parameter Store: the function's configuration names them
 * ({@code CLERK_SECRET_KEY_PARAMETER=/clerk-dub-leads/CLERK_SECRET_KEY}) and this reads their values while the
 * function starts, once, before anything uses them. A value read here is as if its variable were set
 * ({@code CLERK_SECRET_KEY}), so every check of the settings applies to it and a wrong one stops the start with
 * its one line. Nothing happens unless a {@code *_PARAMETER} variable is set.
 * <p>
 * A builder customizer rather than a {@code ConfigSourceFactory}: a factory does not see what another factory
 * publishes, and the settings' own checks and what they derive (the JWT key for quarkus-oidc) are a factory
 * ({@code ClerkTokenSettings}) that must see these values. Not {@code @StaticInitSafe}, so Quarkus runs it for the
 * runtime configuration only: never while building (a native image holds no secret), once per start.
 * <p>
 * Not the AWS Parameters and Secrets Lambda Extension: AWS documents it as callable during the INVOKE phase
 * only, not INIT, where this runs; and a SnapStart function has no {@code AWS_SESSION_TOKEN} for its header.
 */
public class StoredSecrets implements SmallRyeConfigBuilderCustomizer {
    /** Below the environment's variables (300), which cannot also be set: see {@link #read()}. */
    static final int ORDINAL = 290;
    /** Each variable that names a parameter, and the setting its value gives. */
    static final Map<String, String> PARAMETERS = parameters("CLERK_SECRET_KEY_PARAMETER", "DUB_API_KEY_PARAMETER",
            "CLERK_WEBHOOK_SIGNING_SECRET_PARAMETER", "CLERK_JWT_KEY_PARAMETER", "QUARKUS_REDIS_HOSTS_PARAMETER");
    private static final Logger LOG = Logger.getLogger(StoredSecrets.class);

    private final Map<String, String> env;
    private final HttpClient http;

    public StoredSecrets() {
        this(System.getenv(), HttpClient.newBuilder().connectTimeout(ParameterStore.TIMEOUT).build());
    }

    StoredSecrets(Map<String, String> env, HttpClient http) {
        this.env = env;
        this.http = http;
    }

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        Map<String, String> values = read();
        if (!values.isEmpty()) {
            builder.withSources(new EnvConfigSource(values, ORDINAL) {
                @Override
                public String getName() {
                    return "AWS Systems Manager Parameter Store";
                }
            });
        }
    }

    /** Each setting whose parameter is named, with its value; none when no parameter is named. */
    Map<String, String> read() {
        Map<String, String> named = new LinkedHashMap<>();
        PARAMETERS.forEach((variable, setting) -> {
            String name = env.get(variable);
            if (name == null || name.isBlank()) {
                return;
            }
            if (env.get(setting) != null && !env.get(setting).isBlank()) {
                throw refused(variable, "and " + setting + " are both set: set only " + variable
                        + ", which names the parameter that holds the value");
            }
            named.put(variable, name.strip());
        });
        if (named.isEmpty()) {
            return Map.of();
        }
        Map<String, String> stored;
        try {
            stored = ParameterStore.fromEnvironment(env, http).read(List.copyOf(new TreeSet<>(named.values())));
        } catch (ParameterStore.Unreadable unreadable) {
            throw refused(String.join(", ", named.keySet()), "could not be read: " + unreadable.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> read = new ArrayList<>();
        named.forEach((variable, name) -> {
            String value = stored.get(name);
            if (value == null) {
                throw refused(variable, "names " + name + ", which Parameter Store does not have: create it "
                        + "(aws ssm put-parameter --name " + name + " --type SecureString) or correct the name");
            }
            values.put(PARAMETERS.get(variable), value);
            read.add(PARAMETERS.get(variable) + " from " + name);
        });
        // Names only: where each setting came from, never its value.
        LOG.infof("Read from Parameter Store: %s", String.join(", ", read));
        return values;
    }

    /** Stops the start with one line that names the variable, as every wrong setting does. */
    private static ConfigurationException refused(String variable, String problem) {
        return new ConfigurationException(variable + " " + problem, Set.of(variable));
    }

    private static Map<String, String> parameters(String... variables) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String variable : variables) {
            parameters.put(variable, variable.substring(0, variable.length() - "_PARAMETER".length()));
        }
        return parameters;
    }
}
