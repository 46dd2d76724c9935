package app.clerkdub.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Each deploy recipe under deploy/ carries what production needs, checked against the one list of settings,
 * application.properties.example (which SettingsDocumentedTest ties to the code):
 * <ul>
 * <li>every required setting (a line without {@code #} there), and every setting of an optional feature (a
 * section whose title says "(optional)": the Clerk webhook's signing secret), so that no feature is off in
 * production because a recipe forgot it;</li>
 * <li>every setting the example calls secret comes from the platform's secret store, by reference, and no
 * recipe holds anything shaped like a key; on Lambda the function's configuration holds only the name of each
 * secret's parameter ({@code CLERK_SECRET_KEY_PARAMETER}), which the function reads at start, and its role may
 * read exactly those parameters;</li>
 * <li>nothing a recipe sets is unknown to the service (a misspelt name would be ignored without a word).</li>
 * </ul>
 * And what the recipes rely on beyond the list: the probes' ports per platform, a SAM template that asks for no
 * recommended setting by default, and a deploy stamp that makes each SAM deploy resolve the secrets again and
 * publish the version callers reach.
 */
class RecipesTest {
    static final Path EXAMPLE = Path.of("application.properties.example");
    static final Path SAM = Path.of("deploy", "aws", "template.yaml");
    static final Path CLOUD_RUN = Path.of("deploy", "cloudrun", "service.yaml");
    static final Path KNATIVE = Path.of("deploy", "knative", "service.yaml");
    static final Path DEPLOY_DOCS = Path.of("docs", "deploy.md");

    /** A required setting that a recipe may give as another: the issuer is derived from the publishable key. */
    static final Map<String, String> ALTERNATIVES = Map.of("CLERK_ISSUER", "CLERK_PUBLISHABLE_KEY");
    /**
     * Read by the platform's runtime rather than by the service: Quarkus' native Lambda bootstrap, and the
     * OpenTelemetry collector layer (its configuration's location).
     */
    static final Set<String> PLATFORM_SETTINGS = Set.of("DISABLE_SIGNAL_HANDLERS", "OPENTELEMETRY_COLLECTOR_CONFIG_URI");
    /** A SAM variable that names the parameter holding a setting's value, which the function reads at start. */
    static final String PARAMETER = "_PARAMETER";
    /** How {@link #recipes()} writes a setting that the SAM function reads from Parameter Store. */
    static final String STORED = "stored in Parameter Store: ";

    private static final Pattern SECTION = Pattern.compile("^# ----\\s*(.*?)\\s*----\\s*$");
    private static final Pattern VARIABLE = Pattern.compile("^(#?)\\s*([A-Z][A-Z0-9_]*)=");
    /** "(required, secret)" or "Secret." in a setting's comment; "not a secret." is not one. */
    private static final Pattern SECRET = Pattern.compile("(?i)(?<!not a )\\bsecret[).;]");
    private static final Pattern KEY_SHAPED = Pattern.compile(
            "\\b(?:sk_(?:live|test)_[A-Za-z0-9]{8,}|whsec_[A-Za-z0-9+/=]{8,}|dub_[A-Za-z0-9]{12,})");

    record Setting(String name, boolean required, boolean feature, boolean secret) {
    }

    record Recipe(Path file, Map<String, String> settings, Predicate<String> byReference) {
    }

    @Test
    void theExampleIsReadAsExpected() {
        Map<String, Setting> example = example();
        assertTrue(example.get("CLERK_SECRET_KEY").required() && example.get("CLERK_SECRET_KEY").secret());
        assertTrue(example.get("DUB_API_KEY").required() && example.get("DUB_API_KEY").secret());
        Setting webhook = example.get("CLERK_WEBHOOK_SIGNING_SECRET");
        assertTrue(!webhook.required() && webhook.feature() && webhook.secret(), webhook.toString());
        assertTrue(!example.get("CLERK_JWT_KEY").secret(), "CLERK_JWT_KEY is not a secret");
        ALTERNATIVES.forEach((required, alternative) -> assertTrue(
                example.get(required).required() && example.containsKey(alternative), required + " or " + alternative));
    }

    @Test
    void everyRecipeCarriesEveryRequiredSettingAndEachOptionalFeaturesSettings() {
        Map<String, Setting> example = example();
        for (Recipe recipe : recipes()) {
            Set<String> missing = new TreeSet<>();
            for (Setting setting : example.values()) {
                boolean needed = setting.required() || setting.feature();
                String alternative = ALTERNATIVES.get(setting.name());
                if (needed && !recipe.settings().containsKey(setting.name())
                        && (alternative == null || !recipe.settings().containsKey(alternative))) {
                    missing.add(setting.name());
                }
            }
            assertEquals(Set.of(), missing, recipe.file() + " lacks settings that production needs");
        }
    }

    @Test
    void secretsAreReferencedFromTheSecretStoreNeverInline() {
        Map<String, Setting> example = example();
        for (Recipe recipe : recipes()) {
            Set<String> inline = new TreeSet<>();
            recipe.settings().forEach((name, value) -> {
                Setting setting = example.get(name);
                if (setting != null && setting.secret() && !recipe.byReference().test(value)) {
                    inline.add(name);
                }
            });
            assertEquals(Set.of(), inline, recipe.file() + ": secrets not taken from the secret store");
            assertFalse(KEY_SHAPED.matcher(text(recipe.file())).find(), recipe.file() + " holds a key-shaped value");
        }
    }

    @Test
    void recipesSetOnlySettingsTheServiceReads() {
        Map<String, Setting> example = example();
        for (Recipe recipe : recipes()) {
            Set<String> unknown = new TreeSet<>(recipe.settings().keySet());
            unknown.removeAll(example.keySet());
            unknown.removeAll(PLATFORM_SETTINGS);
            assertEquals(Set.of(), unknown, recipe.file() + " sets variables the service does not read");
        }
    }

    @Test
    void theSamTemplateAsksForNoRecommendedSettingByDefault() {
        // A setting the example leaves commented, outside an optional feature (CLERK_JWT_KEY), is read from
        // Parameter Store only when a parameter that defaults to 'false' turns it on: a deploy without the
        // SSM parameter works.
        Map<String, Setting> example = example();
        String template = text(SAM);
        Map<String, String> settings = storedAsTheirSettings(samSettings(template));
        Set<String> checked = new TreeSet<>();
        settings.forEach((name, stored) -> {
            Setting setting = example.get(name);
            String value = stored.startsWith(STORED) ? stored.substring(STORED.length()) : stored;
            if (setting == null || setting.required() || setting.feature() || ALTERNATIVES.containsValue(name)
                    || !(stored.startsWith(STORED) || value.contains("{{resolve:"))) {
                return;
            }
            Matcher condition = Pattern.compile("^!If \\[(\\w+), .*, !Ref AWS::NoValue\\]$").matcher(value);
            assertTrue(condition.matches(), name + " in " + SAM + " is read whether or not it exists: " + value);
            Matcher equals = Pattern.compile("(?m)^  " + condition.group(1) + ": !Equals \\[!Ref (\\w+), 'true'\\]$")
                    .matcher(template);
            assertTrue(equals.find(), "condition " + condition.group(1) + " of " + name);
            assertTrue(Pattern.compile("(?m)^  " + equals.group(1) + ":\\n(?:    .*\\n)*?    Default: 'false'$")
                    .matcher(template).find(), "parameter " + equals.group(1) + " defaults to 'false'");
            checked.add(name);
        });
        assertEquals(Set.of("CLERK_JWT_KEY"), checked);
    }

    @Test
    void eachDeployStampChangesTheFunctionAndNamesTheVersionThatIsPublished() {
        // CloudFormation resolves {{resolve:...}} only when it changes the function, and API Gateway calls the
        // live alias's published version, which SAM publishes only when its version hash changes. That hash sees
        // the environment's template text, never a rotated secret's value, so every deploy passes a new
        // DeployStamp: it reaches the function (Description) and SAM's version name (AutoPublishCodeSha256, the
        // one property SAM resolves parameters in before naming the version).
        String template = text(SAM);
        assertTrue(template.contains("\n  DeployStamp:\n    Type: String\n    AllowedPattern: '[0-9]{10}'\n"),
                "parameter DeployStamp, the deploy's Unix time (SAM keeps its first 10 characters)");
        assertTrue(template.matches("(?s).*\n      Description: !Sub '[^'\n]*\\$\\{DeployStamp}[^'\n]*'\n.*"),
                "the function's Description names ${DeployStamp}");
        assertTrue(template.contains("\n      AutoPublishCodeSha256: !Ref DeployStamp\n"));
        assertTrue(template.contains("\n      AutoPublishAlias: live\n"));
        String docs = text(DEPLOY_DOCS);
        Matcher deploy = Pattern.compile("(?m)^sam deploy (?:.*\\\\\n)*.*$").matcher(docs);
        int deploys = 0;
        while (deploy.find()) {
            assertTrue(deploy.group().contains("DeployStamp=$(date +%s)"), "a new stamp in: " + deploy.group());
            deploys++;
        }
        assertTrue(deploys >= 2, "docs/deploy.md gives the deploy and the rotation command");
    }

    @Test
    void theDeployDocsCreateEverySecretAndParameterTheRecipesRead() {
        String docs = text(DEPLOY_DOCS);
        Set<String> missing = new TreeSet<>();
        Pattern secretName = Pattern.compile("secretKeyRef:\\nname: (\\S+)\\nkey: (\\S+)");
        containerEnv(text(CLOUD_RUN)).values().forEach(body -> {
            Matcher ref = secretName.matcher(body);
            if (ref.find() && !docs.contains("gcloud secrets create " + ref.group(1) + " ")) {
                missing.add(CLOUD_RUN + ": Secret Manager secret " + ref.group(1));
            }
        });
        containerEnv(text(KNATIVE)).values().forEach(body -> {
            Matcher ref = secretName.matcher(body);
            if (ref.find() && !docs.contains("--from-literal=" + ref.group(2) + "=")
                    && !docs.contains("--from-file=" + ref.group(2) + "=")) {
                missing.add(KNATIVE + ": key " + ref.group(2) + " of the secret " + ref.group(1));
            }
        });
        Pattern resolve = Pattern.compile("\\{\\{resolve:(secretsmanager|ssm):\\$\\{\\w+}[:/](?:SecretString:)?(\\w+)}}");
        samSettings(text(SAM)).values().forEach(value -> {
            Matcher ref = resolve.matcher(value);
            if (ref.find() && !docs.contains(ref.group(1).equals("ssm") ? "/clerk-dub-leads/" + ref.group(2) : "\"" + ref.group(2) + "\":")) {
                missing.add(SAM + ": " + ref.group(1) + " " + ref.group(2));
            }
        });
        Map<String, Setting> example = example();
        samSettings(text(SAM)).keySet().stream().filter(name -> name.endsWith(PARAMETER)).forEach(name -> {
            String setting = name.substring(0, name.length() - PARAMETER.length());
            String create = "aws ssm put-parameter --name /clerk-dub-leads/" + setting + " --type "
                    + (example.get(setting).secret() ? "SecureString" : "String");
            if (!docs.contains(create)) {
                missing.add(SAM + ": " + create);
            }
        });
        assertEquals(Set.of(), missing, DEPLOY_DOCS + " does not create what the recipes read");
    }

    /**
     * No secret's value in the Lambda function's configuration, where whoever may call
     * lambda:GetFunctionConfiguration reads it: each secret is named by its parameter, no value is resolved into the
     * configuration from Secrets Manager or a SecureString, and the function's role may read exactly the
     * parameters it names (one action, GetParameters, on those ARNs, a conditional one under the same condition).
     */
    @Test
    void theLambdaFunctionsConfigurationNamesItsSecretsAndItsRoleReadsExactlyThose() {
        Map<String, Setting> example = example();
        String template = text(SAM);
        Map<String, String> variables = samSettings(template);
        Map<String, String> stored = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            Setting setting = example.get(name);
            assertFalse(setting != null && setting.secret(), name + " is in the function's configuration: " + value);
            if (name.endsWith(PARAMETER)) {
                stored.put(name.substring(0, name.length() - PARAMETER.length()), value);
            }
        });
        example.values().stream().filter(Setting::secret).forEach(secret -> assertTrue(
                stored.containsKey(secret.name()), secret.name() + " is read from Parameter Store"));
        assertFalse(template.contains("{{resolve:secretsmanager:") || template.contains("{{resolve:ssm-secure:"),
                "no secret resolved into the function's configuration");

        List<String> statement = block(template, Pattern.compile("(?m)^( +)- Sid: ReadTheSecretsAtStart\\s*$"));
        assertTrue(statement.contains("              Effect: Allow"), String.join("\n", statement));
        assertTrue(statement.contains("              Action: ssm:GetParameters"), "one action: " + statement);
        Pattern arn = Pattern.compile("^ +- (?:!If \\[(\\w+), )?!Sub 'arn:\\$\\{AWS::Partition}:ssm:\\$\\{AWS::Region}:"
                + "\\$\\{AWS::AccountId}:parameter\\$\\{ParameterPrefix}/(\\w+)'(?:, !Ref AWS::NoValue\\])?$");
        Map<String, String> granted = new LinkedHashMap<>();
        for (String line : statement) {
            Matcher resource = arn.matcher(line);
            if (resource.matches()) {
                granted.put(resource.group(2), resource.group(1) == null ? "" : resource.group(1));
            } else {
                assertTrue(line.matches(" +(Effect|Action|Resource):.*"), "only these resources: " + line);
            }
        }
        Map<String, String> named = new LinkedHashMap<>();
        stored.forEach((setting, value) -> {
            assertTrue(value.matches("(?:!If \\[\\w+, )?!Sub '\\$\\{ParameterPrefix}/" + setting + "'(?:, !Ref AWS::NoValue\\])?"),
                    setting + "'s parameter is named after it under ParameterPrefix: " + value);
            Matcher condition = Pattern.compile("^!If \\[(\\w+), ").matcher(value);
            named.put(setting, condition.find() ? condition.group(1) : "");
        });
        assertEquals(named, granted, "the parameters the function may read, and under which condition");
    }

    /**
     * SAM's own transform (aws-sam-translator) and cfn-lint, where Python has them; skipped in one line where
     * not. Two deploys of the same code with two stamps: each names its own version, which the alias points
     * to, and changes the function's Description.
     */
    @Test
    void samsTransformPublishesANewVersionForEachDeployStamp() throws IOException, InterruptedException {
        Assumptions.assumeTrue(python("import samtranslator, cfnlint").exitCode() == 0,
                "Python with aws-sam-translator and cfn-lint is not installed: SAM's transform not run");
        Python result = python("""
                import copy, sys
                from pathlib import Path
                from cfnlint.api import lint_file
                from cfnlint.decode import decode
                from samtranslator.translator.transform import transform
                problems = lint_file(Path(sys.argv[1]))
                assert not problems, problems
                class NoManagedPolicies:
                    def load(self): return {}
                template, _ = decode(sys.argv[1])
                template["Resources"]["ClerkDubLeads"]["Properties"]["CodeUri"] = "s3://bucket/same-code"
                def deploy(stamp):
                    resources = transform(copy.deepcopy(template), {"DeployStamp": stamp}, NoManagedPolicies())["Resources"]
                    versions = [name for name, r in resources.items() if r["Type"] == "AWS::Lambda::Version"]
                    aliases = [r["Properties"]["FunctionVersion"]["Fn::GetAtt"][0]
                               for r in resources.values() if r["Type"] == "AWS::Lambda::Alias"]
                    assert len(versions) == 1 and aliases == versions, (versions, aliases)
                    return versions[0], str(resources["ClerkDubLeads"]["Properties"]["Description"])
                first, second = deploy("1796000000"), deploy("1796000001")
                assert first[0] != second[0] and first[1] != second[1], (first, second)
                print("versions", first[0], second[0])
                """, SAM.toString());
        assertEquals(0, result.exitCode(), result.output());
    }

    record Python(int exitCode, String output) {
    }

    private static Python python(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1"); // the transform wants a region, any one
        Process process;
        try {
            process = builder.start();
        } catch (IOException noPython) {
            return new Python(-1, noPython.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes());
        return new Python(process.waitFor(), output);
    }

    @Test
    void knativeProbesReadinessOnTheManagementPortAndCloudRunProbesOnlyTheContainerPort() {
        // Knative runs a readiness probe on the port it names (Serving 1.3+), but rewrites a liveness probe's
        // port to the container port's, where health is 404: the one probe is the readiness probe.
        String knative = text(KNATIVE);
        assertEquals(List.of("9000"), probePorts(knative), "Knative's probes");
        assertTrue(knative.contains("\n          readinessProbe:\n"), "Knative's one probe is the readiness probe");
        String cloudRun = text(CLOUD_RUN);
        String containerPort = firstGroup(Pattern.compile("containerPort: (\\d+)"), cloudRun);
        assertEquals(List.of(containerPort), probePorts(cloudRun), "Cloud Run probes the container port only");
    }

    static List<Recipe> recipes() {
        Predicate<String> secretKeyRef = body -> body.contains("secretKeyRef:") && !body.matches("(?s).*\\bvalue:.*");
        return List.of(
                new Recipe(SAM, storedAsTheirSettings(samSettings(text(SAM))), value -> value.startsWith(STORED)),
                new Recipe(CLOUD_RUN, containerEnv(text(CLOUD_RUN)), secretKeyRef),
                new Recipe(KNATIVE, containerEnv(text(KNATIVE)), secretKeyRef));
    }

    /** The SAM function's variables, each {@code X_PARAMETER} read as the setting {@code X} that it gives. */
    static Map<String, String> storedAsTheirSettings(Map<String, String> variables) {
        Map<String, String> settings = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            if (name.endsWith(PARAMETER)) {
                settings.put(name.substring(0, name.length() - PARAMETER.length()), STORED + value);
            } else {
                settings.put(name, value);
            }
        });
        return settings;
    }

    /** The example's settings, in order: required or not, in an optional feature's section, secret. */
    static Map<String, Setting> example() {
        Map<String, Setting> settings = new LinkedHashMap<>();
        String section = "";
        StringBuilder comment = new StringBuilder();
        for (String line : text(EXAMPLE).split("\n")) {
            Matcher title = SECTION.matcher(line);
            Matcher variable = VARIABLE.matcher(line);
            if (title.matches()) {
                section = title.group(1);
                comment.setLength(0);
            } else if (variable.find()) {
                settings.put(variable.group(2), new Setting(variable.group(2), variable.group(1).isEmpty(),
                        section.contains("(optional)"), SECRET.matcher(comment).find()));
                comment.setLength(0);
            } else if (line.startsWith("#")) {
                comment.append(line).append('\n');
            }
        }
        assertTrue(settings.size() >= 15, "read the settings of " + EXAMPLE + ": " + settings.keySet());
        return settings;
    }

    /** The function's environment variables in the SAM template, each with its value as written. */
    static Map<String, String> samSettings(String template) {
        Map<String, String> settings = new LinkedHashMap<>();
        Pattern entry = Pattern.compile("^\\s+([A-Za-z_][A-Za-z0-9_]*):\\s*(.*)$");
        for (String line : block(template, Pattern.compile("(?m)^( +)Variables:\\s*$"))) {
            Matcher variable = entry.matcher(line);
            if (variable.matches()) {
                settings.put(variable.group(1), variable.group(2));
            }
        }
        return settings;
    }

    /** The container's {@code env} entries of a Kubernetes-style manifest, each with its body as written. */
    static Map<String, String> containerEnv(String manifest) {
        Map<String, String> settings = new LinkedHashMap<>();
        Pattern item = Pattern.compile("^ +- name: (\\S+)\\s*$");
        String name = null;
        for (String line : block(manifest, Pattern.compile("(?m)^( +)env:\\s*$"))) {
            Matcher entry = item.matcher(line);
            if (entry.matches()) {
                name = entry.group(1);
                settings.put(name, "");
            } else if (name != null) {
                settings.merge(name, line.trim() + "\n", String::concat);
            }
        }
        return settings;
    }

    /** The ports of the container's probes ({@code readinessProbe}, {@code startupProbe}, ...), in order. */
    static List<String> probePorts(String manifest) {
        List<String> ports = new ArrayList<>();
        Matcher probe = Pattern.compile("(?m)^( +)\\w+Probe:\\s*$").matcher(manifest);
        while (probe.find()) {
            for (String line : indentedUnder(manifest, probe)) {
                Matcher port = Pattern.compile("^\\s+port: (\\d+)\\s*$").matcher(line);
                if (port.matches()) {
                    ports.add(port.group(1));
                }
            }
        }
        return ports;
    }

    /** The lines under the first line that {@code start} finds (its group 1 is that line's indent). */
    private static List<String> block(String text, Pattern start) {
        Matcher head = start.matcher(text);
        assertTrue(head.find(), "found " + start.pattern());
        return indentedUnder(text, head);
    }

    /** The lines after a match that are indented deeper than it, comments and blank lines left out. */
    private static List<String> indentedUnder(String text, Matcher head) {
        int indent = head.group(1).length();
        List<String> lines = new ArrayList<>();
        for (String line : text.substring(head.end()).split("\n")) {
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            if (line.length() - line.stripLeading().length() <= indent) {
                break;
            }
            lines.add(line);
        }
        return lines;
    }

    private static String firstGroup(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), pattern.pattern());
        return matcher.group(1);
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
