package app.clerkdub.platform.settings;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/**
 * The settings that no single class owns, checked while the configuration is built (before anything uses
 * them), each refusal one line naming the variable: every number and duration ({@link Numbers}), the shapes
 * of the secret keys ({@link ApiKeys}), and the required settings, named by their variables when empty.
 * In dev mode the sandbox stands in for unset keys, so only their shapes are checked. The issuer is
 * not among them: the tests' own JVM builds a configuration before their resources give it one.
 */
final class SettingsCheck {
    private SettingsCheck() {
    }

    static void check(ConfigSourceContext context) {
        Numbers.SETTINGS.forEach((property, rule) -> PastedValue.text(context, property)
                .ifPresent(text -> rule.check(property, text)));
        boolean sandbox = context.getProfiles().contains("dev");
        required(context, ApiKeys.CLERK_PROPERTY, sandbox, "the secret key from the API keys page of Clerk's dashboard");
        PastedValue.text(context, ApiKeys.CLERK_PROPERTY).ifPresent(ApiKeys::checkClerk);
        required(context, ApiKeys.DUB_PROPERTY, sandbox, "an API key from Dub's workspace settings");
        PastedValue.text(context, ApiKeys.DUB_PROPERTY).ifPresent(ApiKeys::checkDub);
        required(context, Origins.PARTIES_PROPERTY, sandbox, "the origins of your front end, comma-separated");
    }

    /**
     * A variable that is set but empty (or only quotes) is refused by its name. One that is not set at all is
     * left to the start's own refusal of {@code ${CLERK_SECRET_KEY}} and the like, which names the variable too:
     * the build reads this same configuration, and a build needs no keys.
     */
    private static void required(ConfigSourceContext context, String property, boolean sandbox, String wanted) {
        String variable = PastedValue.variable(property);
        ConfigValue raw = context.getValue(variable);
        if (!sandbox && raw != null && raw.getValue() != null && PastedValue.unquote(raw.getValue()).isEmpty()) {
            throw PastedValue.refused(variable, property, "is not set (or empty): give it " + wanted);
        }
    }
}
