package app.clerkdub.platform.settings;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The rules of {@link Numbers}, {@link ApiKeys} and {@link PastedValues}, each refusal one line naming the variable. */
class SettingRulesTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "quota.user-runs|0|QUOTA_USER_RUNS must be a whole number, 1 or more (it is '0')",
        "upstream.circuit-window|0|UPSTREAM_CIRCUIT_WINDOW must be a whole number, 1 or more (it is '0')",
        "quota.max-in-flight|abc|QUOTA_MAX_IN_FLIGHT must be a whole number, 1 or more (it is 'abc')",
        "quota.period|-5s|QUOTA_PERIOD must be a duration above zero, like 10s, 500ms or 1m (it is '-5s')",
        "lead.deadline|0s|LEAD_DEADLINE must be a duration above zero, like 10s, 500ms or 1m (it is '0s')",
        "quota.tracked-for|soon|QUOTA_TRACKED_FOR must be a duration, 0s or more, like 10s, 500ms or 1m (it is 'soon')",
        "upstream.retries|-1|UPSTREAM_RETRIES must be a whole number, 0 or more (it is '-1')",
    })
    void aWrongNumberOrDurationIsRefusedWithItsVariableAndRule(String property, String value, String line) {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> Numbers.SETTINGS.get(property).check(property, value));
        assertEquals(line, refused.getMessage());
    }

    @Test
    void numbersAndDurationsThatMakeSensePass() {
        assertDoesNotThrow(() -> Numbers.SETTINGS.get("quota.user-runs").check("quota.user-runs", "6"));
        assertDoesNotThrow(() -> Numbers.SETTINGS.get("upstream.retries").check("upstream.retries", "0"));
        assertDoesNotThrow(() -> Numbers.SETTINGS.get("quota.tracked-for").check("quota.tracked-for", "0s"));
        assertDoesNotThrow(() -> Numbers.SETTINGS.get("quota.period").check("quota.period", "PT1M"));
        assertDoesNotThrow(() -> Numbers.SETTINGS.get("lead.deadline").check("lead.deadline", "500ms"));
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
