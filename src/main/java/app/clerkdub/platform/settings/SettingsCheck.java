package app.clerkdub.platform.settings;

import app.clerkdub.platform.state.ClerkRate;
import app.clerkdub.platform.state.DubRate;
import app.clerkdub.platform.state.QuotaConfig;
import app.clerkdub.platform.state.StateConfig;
import app.clerkdub.platform.upstream.UpstreamConfig;
import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/**
 * The settings that no single class owns, checked while the configuration is built (before anything uses
 * them), each refusal one line naming the variable: every number and duration, by the constraints of its mapping ({@link MappingRules}), the shapes
 * of the secret keys and the placeholder of the webhook secret ({@link ApiKeys}), and the required settings,
 * named by their variables when unset or empty. In dev mode the sandbox stands in for unset keys, so only
 * their shapes are checked.
 */
final class SettingsCheck {
    private SettingsCheck() {
    }

    static void check(ConfigSourceContext context) {
        MappingRules.check(context, QuotaConfig.class, StateConfig.class, ClerkRate.class, DubRate.class,
                UpstreamConfig.class);
        boolean sandbox = context.getProfiles().contains("dev");
        // The build, and a test's JVM before its application, read this configuration too; only a start needs keys.
        boolean started = !sandbox && ExecutionMode.current() == ExecutionMode.RUNTIME_INIT;
        required(context, ApiKeys.CLERK_PROPERTY, started, "the secret key from the API keys page of Clerk's dashboard");
        PastedValue.text(context, ApiKeys.CLERK_PROPERTY).ifPresent(ApiKeys::checkClerk);
        required(context, ApiKeys.DUB_PROPERTY, started, "an API key from Dub's workspace settings");
        PastedValue.text(context, ApiKeys.DUB_PROPERTY).ifPresent(ApiKeys::checkDub);
        required(context, Origins.PARTIES_PROPERTY, started, "the origins of your front end, comma-separated");
        PastedValue.text(context, ApiKeys.WEBHOOK_PROPERTY).ifPresent(ApiKeys::checkWebhookSecret);
        if (started && PastedValue.text(context, Origins.ISSUER_PROPERTY).isEmpty()
                && PastedValue.text(context, PublishableKey.VARIABLE).isEmpty()) {
            throw PastedValue.refused(Origins.ISSUER, Origins.ISSUER_PROPERTY, "is not set (or empty): give it your "
                    + "Clerk Frontend API URL, or set CLERK_PUBLISHABLE_KEY, from which it is derived");
        }
    }

    /**
     * A variable that is unset, or set but empty (or only quotes), is refused by its name. Only in the started
     * application: the build reads this same configuration, and a build needs no keys; nor do the tests' JVM,
     * whose resources give the application its settings later.
     */
    private static void required(ConfigSourceContext context, String property, boolean started, String wanted) {
        String variable = PastedValue.variable(property);
        ConfigValue raw = context.getValue(variable);
        boolean empty = raw != null && raw.getValue() != null && PastedValue.unquote(raw.getValue()).isEmpty();
        boolean unset = (raw == null || raw.getValue() == null) && PastedValue.text(context, property).isEmpty();
        if (started && (empty || unset)) {
            throw PastedValue.refused(variable, property, "is not set (or empty): give it " + wanted);
        }
    }
}
