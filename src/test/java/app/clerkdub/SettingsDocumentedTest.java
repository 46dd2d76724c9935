package app.clerkdub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * application.properties.example is the one list of settings (docs/configuration.md and docs/deploy.md point to
 * it): every environment variable the service reads is in it, and everything in it is read. What the
 * service reads is collected from the sources, not from a list kept here:
 * <ul>
 * <li>{@code ${VARIABLE}} references (upper case) in src/main/resources/application.properties;</li>
 * <li>every member of a {@code @ConfigMapping} interface ({@code dub.lead-event-name} is
 * {@code DUB_LEAD_EVENT_NAME}, as SmallRye Config maps names to the environment);</li>
 * <li>property names given literally to {@code @ConfigProperty(name = ...)}, to the {@code Config}
 * lookups ({@code getValue}, {@code getOptionalValue}, ...) and to helpers of a config source factory
 * that take its {@code context};</li>
 * <li>in the Lambda build's own code (src/lambda/java), the {@code *_PARAMETER} variables it reads from the
 * process environment, named literally ({@code "CLERK_SECRET_KEY_PARAMETER"}).</li>
 * </ul>
 * Quarkus' own {@code quarkus.*} properties are the framework's (those the service offers are mapped to
 * a variable in application.properties), and {@code sandbox.*} are flags the dev-mode sandbox sets itself.
 */
class SettingsDocumentedTest {
    static final Path EXAMPLE = Path.of("application.properties.example");
    static final Path PROPERTIES = Path.of("src", "main", "resources", "application.properties");
    static final Path SOURCES = Path.of("src", "main", "java");
    static final Path LAMBDA_SOURCES = Path.of("src", "lambda", "java");

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern PARAMETER_VARIABLE = Pattern.compile("\"([A-Z][A-Z0-9_]*_PARAMETER)\"");
    private static final Pattern DOCUMENTED = Pattern.compile("(?m)^#?\\s*([A-Z][A-Z0-9_]*)=");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern MEMBER = Pattern.compile(
            "(?:@WithName\\(\\s*\"([^\"]+)\"\\s*\\)\\s*)?(?:@\\w+(?:\\([^)]*\\))?\\s*)*[\\w.<>?, \\[\\]]+\\s(\\w+)\\(\\s*\\)\\s*;");
    private static final Pattern LITERAL_LOOKUP = Pattern.compile(
            "(?:@ConfigProperty\\(\\s*name\\s*=\\s*"
                    + "|\\b(?:getValue|getOptionalValue|getConfigValue|getValues|getOptionalValues)\\(\\s*"
                    + "|\\(\\s*context\\s*,\\s*"
                    // a property's name kept in a constant, as the config source factory's helpers keep them
                    + "|\\b\\w*PROPERTY\\s*=\\s*)\"([a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)*)\"");

    @Test
    void everyVariableTheServiceReadsIsInTheExampleAndNothingElse() {
        Set<String> read = variablesRead();
        Set<String> documented = documented();
        assertTrue(read.size() >= 15, "found the settings the code reads: " + read);

        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(documented);
        assertEquals(Set.of(), missing, "read by the service but missing from " + EXAMPLE
                + " (add each with its default and what it does)");

        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(read);
        assertEquals(Set.of(), stale, "in " + EXAMPLE + " but no longer read by the service (remove them)");
    }

    @Test
    void propertyNamesMapToVariablesAsSmallRyeConfigDoes() {
        assertEquals("CLERK_TOKEN_CACHE_MAX_SIZE", environmentName("clerk.token-cache.max-size"));
        assertEquals("DUB_LEAD_EVENT_NAME", environmentName("dub" + "." + kebab("leadEventName")));
    }

    static Set<String> variablesRead() {
        Set<String> read = new TreeSet<>();
        Matcher reference = REFERENCE.matcher(text(PROPERTIES));
        while (reference.find()) {
            read.add(reference.group(1));
        }
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java"))
                    .map(file -> withoutComments(text(file)))
                    .forEach(source -> {
                        mappedProperties(source).forEach(name -> read.add(environmentName(name)));
                        Matcher literal = LITERAL_LOOKUP.matcher(source);
                        while (literal.find()) {
                            String name = literal.group(1);
                            if (!name.startsWith("quarkus.") && !name.startsWith("sandbox.")) {
                                read.add(environmentName(name));
                            }
                        }
                    });
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        try (Stream<Path> files = Files.walk(LAMBDA_SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).map(file -> withoutComments(text(file)))
                    .forEach(source -> {
                        Matcher variable = PARAMETER_VARIABLE.matcher(source);
                        while (variable.find()) {
                            read.add(variable.group(1));
                        }
                    });
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return read;
    }

    /** The properties of a {@code @ConfigMapping} interface: its abstract members at the top level. */
    static Set<String> mappedProperties(String source) {
        Set<String> names = new TreeSet<>();
        Matcher mapping = MAPPING.matcher(source);
        if (!mapping.find()) {
            return names;
        }
        String prefix = mapping.group(1);
        int open = source.indexOf('{', mapping.end());
        StringBuilder topLevel = new StringBuilder();
        int depth = 0;
        for (int i = open; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (depth == 1) {
                topLevel.append(c);
            }
        }
        Matcher member = MEMBER.matcher(topLevel);
        while (member.find()) {
            String name = member.group(1) != null ? member.group(1) : kebab(member.group(2));
            names.add(prefix + "." + name);
        }
        assertTrue(!source.contains("@WithParentName") && !source.matches("(?s).*\\binterface\\b.*\\binterface\\b.*"),
                "a @ConfigMapping with nested groups: teach SettingsDocumentedTest to read them");
        return names;
    }

    /** SmallRye Config's environment name of a property: every other character than A-Z and 0-9 is _. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    static String kebab(String member) {
        return member.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static Set<String> documented() {
        Set<String> names = new TreeSet<>();
        Matcher line = DOCUMENTED.matcher(text(EXAMPLE));
        while (line.find()) {
            names.add(line.group(1));
        }
        return names;
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)(^|\\s)//.*$", " ");
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
