package app.clerkdub.platform.settings;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import app.clerkdub.lead.LeadConfig;
import app.clerkdub.platform.state.ClerkRate;
import app.clerkdub.platform.state.DubRate;
import app.clerkdub.platform.state.QuotaConfig;
import app.clerkdub.platform.state.StateConfig;
import app.clerkdub.platform.upstream.UpstreamConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The rules of the mappings' constraints ({@link MappingRules}), {@link ApiKeys} and {@link PastedValues}, each refusal
 * one line naming the variable.
 */
class SettingRulesTest {
    /** Every mapping whose constraints are checked while the configuration is built. */
    static final List<Class<?>> MAPPINGS = List.of(QuotaConfig.class, UpstreamConfig.class, StateConfig.class,
            LeadConfig.class, DubRate.class, ClerkRate.class);

    static MappingRules.Rule rule(String property) {
        return MAPPINGS.stream().map(MappingRules::rules).filter(rules -> rules.containsKey(property))
                .map(rules -> rules.get(property)).findFirst().orElseThrow();
    }

    @Test
    void everyNumberDurationAndRateOfTheMappingsHasItsRule() {
        Set<String> constrained = new TreeSet<>();
        MAPPINGS.forEach(mapping -> constrained.addAll(MappingRules.rules(mapping).keySet()));
        assertEquals(new TreeSet<>(Set.of("lead.deadline", "upstream.max-retry-after", "upstream.retries",
                "upstream.circuit-window", "upstream.circuit-period", "quota.user-runs", "quota.client-failures",
                "quota.period", "quota.max-keys", "quota.tracked-users", "quota.tracked-for", "quota.max-in-flight",
                "state.timeout", "dub.rate-limit", "clerk.rate-limit")), constrained);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "quota.user-runs|0|QUOTA_USER_RUNS must be a whole number, 1 or more (it is '0')",
        "upstream.circuit-window|0|UPSTREAM_CIRCUIT_WINDOW must be a whole number, 1 or more (it is '0')",
        "quota.max-in-flight|abc|QUOTA_MAX_IN_FLIGHT must be a whole number, 1 or more (it is 'abc')",
        "quota.period|-5s|QUOTA_PERIOD must be a duration above zero, like 10s, 500ms or 1m (it is '-5s')",
        "lead.deadline|0s|LEAD_DEADLINE must be a duration above zero, like 10s, 500ms or 1m (it is '0s')",
        "quota.tracked-for|soon|QUOTA_TRACKED_FOR must be a duration, 0s or more, like 10s, 500ms or 1m (it is 'soon')",
        "upstream.retries|-1|UPSTREAM_RETRIES must be a whole number, 0 or more (it is '-1')",
        "dub.rate-limit|1200|DUB_RATE_LIMIT must be a count and a period, like 1200/1m or 1000/10s (it is '1200')",
        "clerk.rate-limit|0/10s|CLERK_RATE_LIMIT must be a count and a period, like 1200/1m or 1000/10s (it is '0/10s')",
    })
    void aWrongNumberOrDurationIsRefusedWithItsVariableAndRule(String property, String value, String line) {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> rule(property).check(property, value));
        assertEquals(line, refused.getMessage());
    }

    @Test
    void numbersAndDurationsThatMakeSensePass() {
        assertDoesNotThrow(() -> rule("quota.user-runs").check("quota.user-runs", "6"));
        assertDoesNotThrow(() -> rule("upstream.retries").check("upstream.retries", "0"));
        assertDoesNotThrow(() -> rule("quota.tracked-for").check("quota.tracked-for", "0s"));
        assertDoesNotThrow(() -> rule("quota.period").check("quota.period", "PT1M"));
        assertDoesNotThrow(() -> rule("lead.deadline").check("lead.deadline", "500ms"));
        assertDoesNotThrow(() -> rule("dub.rate-limit").check("dub.rate-limit", " 1200 / 1m "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k|CLERK_SECRET_KEY (pk_test_…) does not start with sk_live_ or sk_test_ (it is "
                + "Clerk's publishable key, which belongs in CLERK_PUBLISHABLE_KEY): copy the secret key from the API "
                + "keys page of Clerk's dashboard",
        "dub_Ab12Cd34|CLERK_SECRET_KEY (dub_…) does not start with sk_live_ or sk_test_ (it is a Dub API key, which "
                + "belongs in DUB_API_KEY): copy the secret key from the API keys page of Clerk's dashboard",
        "sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx|CLERK_SECRET_KEY (sk_live_…) is the placeholder of "
                + "application.properties.example: replace it with your own key",
        "sk_Ab12|CLERK_SECRET_KEY (sk_…) does not start with sk_live_ or sk_test_ (it is Clerk's secret key, which "
                + "belongs in DUB_API_KEY): copy the secret key from the API keys page of Clerk's dashboard",
    })
    void aClerkSecretKeyOfAnotherShapeIsRefusedByName(String key, String line) {
        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> ApiKeys.checkClerk(key));
        assertEquals(line, refused.getMessage());
        assertFalse(refused.getMessage().contains(key), "the key is not shown");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "sk_test_Ab12Cd34Ef56|DUB_API_KEY (sk_test_…) does not start with dub_ (it is Clerk's secret key, which belongs "
                + "in CLERK_SECRET_KEY): create an API key in Dub's workspace settings",
        "dub_xxxxxxxxxxxxxxxxxxxxxxxx|DUB_API_KEY (dub_…) is the placeholder of application.properties.example: "
                + "replace it with your own key",
        "Ab12Cd34Ef56|DUB_API_KEY does not start with dub_: create an API key in Dub's workspace settings",
    })
    void aDubKeyOfAnotherShapeIsRefusedByName(String key, String line) {
        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> ApiKeys.checkDub(key));
        assertEquals(line, refused.getMessage());
        assertFalse(refused.getMessage().contains(key), "the key is not shown");
    }

    @Test
    void realKeyShapesPass() {
        assertDoesNotThrow(() -> ApiKeys.checkClerk("sk_test_Ab12Cd34Ef56"));
        assertDoesNotThrow(() -> ApiKeys.checkClerk("sk_live_Ab12Cd34Ef56"));
        assertDoesNotThrow(() -> ApiKeys.checkDub("dub_Ab12Cd34Ef56"));
    }

    @Test
    void theQuoteRuleCoversEverySettingOfTheServiceAndNothingOfTheFramework() {
        for (String name : new String[] { "clerk.secret-key", "CLERK_SECRET_KEY", "dub.api-key", "DUB_API_KEY",
            "clerk.webhook.signing-secret", "CLERK_WEBHOOK_SIGNING_SECRET", "quota.period", "QUOTA_MAX_IN_FLIGHT",
            "upstream.retries", "lead.deadline", "PORT", "MANAGEMENT_PORT", "LOG_JSON" }) {
            assertTrue(PastedValues.isSetting(name), name);
        }
        for (String name : new String[] { "quarkus.http.port", "quarkus.oidc.public-key", "DUBIOUS", "HOME" }) {
            assertFalse(PastedValues.isSetting(name), name);
        }
    }

    @Test
    void everySettingIsReadWithoutItsQuotesWhetherSetByNameOrThroughAVariable() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().withInterceptors(new PastedValues())
                .withSources(new PropertiesConfigSource(Map.of(
                        "clerk.secret-key", "${CLERK_SECRET_KEY}", "CLERK_SECRET_KEY", "\"sk_test_quoted\"",
                        "dub.api-key", "'dub_quoted'",
                        "quota.user-runs", " \"6\" ",
                        "quarkus.oidc.client-id", "\"kept\""), "test", 100))
                .build();
        assertEquals("sk_test_quoted", config.getValue("clerk.secret-key", String.class));
        assertEquals("dub_quoted", config.getValue("dub.api-key", String.class));
        assertEquals(6, config.getValue("quota.user-runs", Integer.class));
        assertEquals("\"kept\"", config.getRawValue("quarkus.oidc.client-id"), "the framework's own settings are its own");
    }
}
