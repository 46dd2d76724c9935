package app.clerkdub.fakes;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The test profiles of the suite beside the default settings, each a start of the service of its own. Settings
 * that would disturb the default tests share a profile when they do not disturb each other's tests; each says
 * which tests rely on what. The suite starts the service six times: the default, these three, the sandbox
 * ({@code browser/SandboxProfile}) and the fakes over HTTPS ({@code tls/}).
 */
public final class TestProfiles {
    private TestProfiles() {
    }

    /**
     * Limits that bite. Tests here use users of their own, since budgets and tracked users last the whole profile.
     * <ul>
     * <li>{@code ClientLimitTest}: {@value #CLIENT_FAILURES} refused tokens per address, behind a trusted proxy so
     * that each test has addresses of its own (calls without X-Forwarded-For share one, which refuses fewer);</li>
     * <li>{@code RepeatCallsTest}: {@value #USER_RUNS} runs per user, one run at a time, tracked users remembered
     * past a session token's life;</li>
     * <li>{@code DeadlineTest}: a deadline of {@value #DEADLINE}, with Dub's read timeout above it (and above the
     * 800 ms Clerk read of {@code RepeatCallsTest}'s busy run);</li>
     * <li>{@code AuthorizedPartiesTest}: CLERK_AUTHORIZED_PARTIES written untidily (the SPA's origin is among
     * them).</li>
     * </ul>
     */
    public static class TightLimits implements QuarkusTestProfile {
        public static final int CLIENT_FAILURES = 3;
        public static final int USER_RUNS = 3;
        public static final String DEADLINE = "2s";
        public static final String AUTHORIZED_PARTIES = "\"https://App.Example.com/, https://b.example/ \"";

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(behindAProxy());
            config.putAll(Map.of("quota.client-failures", Integer.toString(CLIENT_FAILURES),
                    "quota.tracked-for", "65s",
                    "quota.user-runs", Integer.toString(USER_RUNS),
                    "quota.max-in-flight", "1",
                    "lead.deadline", DEADLINE,
                    "quarkus.rest-client.dub-api.read-timeout", "10000",
                    "clerk.authorized-parties", AUTHORIZED_PARTIES));
            return config;
        }
    }

    /**
     * Session tokens checked against CLERK_JWT_KEY, with no network ({@code PemKeyTest}), maps bounded low
     * ({@code FloodTest}, behind a trusted proxy so that it calls from many addresses, and with budgets that last an
     * hour, so that none is forgotten by its period while the flood runs), and Dub's deferred lead
     * mode with every qualifying event on ({@code QualifiedLeadTest}: the other two send no lead to Dub). Every
     * token of this profile names its issuer: {@link #session()}.
     */
    public static class PemKey implements QuarkusTestProfile {
        /** An issuer that does not even resolve. */
        public static final String ISSUER = "https://clerk.pem-mode.invalid";
        public static final int BOUND = 500;

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(behindAProxy());
            // Escaped line breaks and the quotes of an --env-file, as a PEM often arrives through the environment.
            config.putAll(Map.of("clerk.jwt-key", "\"" + SessionTokens.publicKeyPem().replace("\n", "\\n") + "\"",
                    "clerk.issuer", ISSUER,
                    "quota.max-keys", Integer.toString(BOUND),
                    "quota.tracked-users", Integer.toString(BOUND),
                    "quota.tracked-for", "10m",
                    "quota.period", "1h",
                    "dub.lead-mode", "deferred",
                    "dub.qualify-on", "metadata, payment,organization"));
            return config;
        }

        /** A session token of this profile's issuer. */
        public static SessionTokens.Builder session() {
            return SessionTokens.session().claim("iss", ISSUER);
        }
    }

    /**
     * What an instance without some of its upstreams or settings does: Clerk's JWKS cannot be reached
     * ({@code NotReadyTest}) and there is no webhook signing secret ({@code WebhookDisabledTest}). Neither test
     * needs a session token accepted, nor a webhook route.
     */
    public static class Degraded implements QuarkusTestProfile {
        public static final String JWKS = "http://127.0.0.1:9/nowhere";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.clerk-frontend.url", JWKS, "clerk.issuer", JWKS,
                    "clerk.webhook.signing-secret", "");
        }
    }

    private static Map<String, String> behindAProxy() {
        return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true");
    }
}
