package app.clerkdub.sandbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Dev mode's defaults: each upstream whose key is unset ({@code CLERK_SECRET_KEY}, {@code DUB_API_KEY})
 * is pointed at its in-process sandbox, over HTTP on the service's own port. As soon as a key is set,
 * that upstream is the real one.
 * <p>
 * Like the rest of the sandbox it lives in {@code src/sandbox}, which only the tests and dev mode with
 * {@code -Psandbox} compile: a packaged application has no such class. It is listed in
 * {@code META-INF/services/io.smallrye.config.SmallRyeConfigBuilderCustomizer} of the sandbox's own
 * resources, a service that the service's own code does not use: a second
 * {@code io.smallrye.config.ConfigSourceFactory} file would overwrite {@code src/main}'s in dev mode, where both
 * resource folders are copied to one classes folder.
 * <p>
 * Ordinal 270: above {@code application.properties} (250), whose {@code ${CLERK_SECRET_KEY}} would
 * otherwise fail the start, and below {@code .env} (295), environment variables (300) and system
 * properties (400), so anything set explicitly still wins.
 */
public class SandboxDefaults implements ConfigSourceFactory, SmallRyeConfigBuilderCustomizer {
    static final int ORDINAL = 270;
    static final String SANDBOX_KEY_PREFIX = "sandbox.";
    /** Flags read by the start banner and the demo page. */
    public static final String CLERK_FLAG = "sandbox.clerk";
    public static final String DUB_FLAG = "sandbox.dub";
    public static final String CLERK_SECRET_KEY = "sk_test_sandbox";
    public static final String DUB_API_KEY = "dub_sandbox";
    /** The service's own base URL, where the sandbox Clerk delivers its webhooks. */
    public static final String SERVICE_URL = "sandbox.service-url";
    /** The sandbox Clerk's webhook signing secret: it signs the events, the service verifies them. */
    public static final String WEBHOOK_SIGNING_SECRET = "whsec_Y2xlcmstZHViLWxlYWRzIHNhbmRib3ggd2ViaG9va3M=";
    private static final String DEV_BASE = "http://localhost:${quarkus.http.port}";

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withSources(this);
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> values = new HashMap<>();
        if (context.getProfiles().contains("dev")) {
            values.putAll(routes());
            if (unset(context, "clerk.secret-key")) {
                values.putAll(clerk(DEV_BASE, DEV_BASE + ",http://127.0.0.1:${quarkus.http.port}"));
            }
            if (unset(context, "dub.api-key")) {
                values.putAll(dub(DEV_BASE));
            }
        }
        return List.of(new MapBackedConfigSource("clerk-dub sandbox defaults", values, ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /**
     * What the sandbox's own routes need from the service's web settings:
     * <ul>
     * <li>its upstream APIs are called with their own {@code Authorization: Bearer} keys, which are not session
     * tokens: a disabled OIDC tenant on {@code /_sandbox/*} keeps token verification off them;</li>
     * <li>its page and script are loaded from the service's own origin, which is also an authorized party, and
     * browsers send {@code Origin} with module scripts: Quarkus' CORS filter then applies its method list even
     * to these same-origin requests, so GET joins it.</li>
     * </ul>
     */
    public static Map<String, String> routes() {
        return Map.of(
                "quarkus.oidc.sandbox.tenant-enabled", "false",
                "quarkus.oidc.sandbox.tenant-paths", "/_sandbox/*",
                "quarkus.http.cors.methods", "GET,POST,OPTIONS");
    }

    /**
     * Clerk played by the sandbox served at {@code base}; tokens may name {@code authorizedParties} in azp. Its
     * webhooks go to the service at {@code base}, signed with the sandbox's secret (a
     * {@code CLERK_WEBHOOK_SIGNING_SECRET} that is set wins, and the sandbox signs with that one).
     */
    public static Map<String, String> clerk(String base, String authorizedParties) {
        return Map.of(
                "clerk.secret-key", CLERK_SECRET_KEY,
                "clerk.issuer", base + ClerkFrontendResource.PATH,
                "clerk.api-url", base + ClerkBackendResource.BASE,
                "clerk.authorized-parties", authorizedParties,
                // The key set is served by this very application, which is not listening yet at start.
                "quarkus.oidc.jwks.resolve-early", "false",
                "clerk.webhook.signing-secret", WEBHOOK_SIGNING_SECRET,
                SERVICE_URL, base,
                CLERK_FLAG, "true");
    }

    /** Dub played by the sandbox served at {@code base}. */
    public static Map<String, String> dub(String base) {
        return Map.of(
                "dub.api-key", DUB_API_KEY,
                "dub.api-url", base + DubApiResource.BASE,
                DUB_FLAG, "true");
    }

    /** Unset, blank, or only the {@code ${VARIABLE}} reference of application.properties with nothing behind it. */
    static boolean unset(ConfigSourceContext context, String name) {
        String value;
        try {
            ConfigValue found = context.getValue(name);
            value = found == null ? null : found.getValue();
        } catch (NoSuchElementException | IllegalArgumentException unresolvable) {
            return true;
        }
        return value == null || value.isBlank() || value.startsWith("${");
    }
}
