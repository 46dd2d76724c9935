package app.clerkdub;

import static app.clerkdub.fakes.ClerkWebhooks.deliver;
import static app.clerkdub.fakes.ClerkWebhooks.example;
import static app.clerkdub.fakes.ClerkWebhooks.newMessageId;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jacoco.core.data.ExecutionDataReader;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.Requests;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The files of main code that one request and one delivery run through, counted from the code as it runs: the build
 * runs this class alone with JaCoCo's agent attached (the surefire execution {@code path}), and a file counts when any
 * line of it ran, nested classes in their file. Each is measured on a warm service, after one of its kind, so that what
 * runs once at start (a bean made, a setting read) is not counted: the path is what every request or delivery runs.
 * The files must be exactly those {@code docs/layout.md} lists, and 15 or fewer. The Lambda build's run (-Plambda)
 * also expects what the section lists after {@value #ON_LAMBDA}: the function's own adapters (src/lambda) and what
 * the Lambda runtime runs for every event; the bound of 15 is the service's path, which the container build runs.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
class PathTest {
    static final int MOST = 15;
    static final String CLICK = "clk_1JX8Z3MQWV0GX4Y2";
    static final Path MAIN = Path.of("src", "main", "java");
    /** The Lambda build's own code, measured on that build; its files are listed as {@code lambda/...}. */
    static final Path LAMBDA = Path.of("src", "lambda", "java");
    static final Path LISTING = Path.of("docs", "layout.md");
    /** Where a section's files that run only on Lambda begin. */
    static final String ON_LAMBDA = "On AWS Lambda";

    @Test
    void oneRequestRunsThroughTheFilesTheLayoutLists() throws Exception {
        newUserSignsUp("user_path_warm");
        Set<String> files = measured(() -> newUserSignsUp("user_path_request"));
        assertListedAndFew(files, "## One request, file by file");
    }

    @Test
    void oneDeliveryRunsThroughTheFilesTheLayoutLists() throws Exception {
        newUserIsDelivered("user_path_warm_delivery");
        Set<String> files = measured(() -> newUserIsDelivered("user_path_delivery"));
        assertListedAndFew(files, "## One delivery, file by file");
    }

    private static void newUserSignsUp(String userId) {
        Fakes.clerk().givenUser(ClerkUser.named(userId));
        Fakes.dub().givenLeadTracked();
        withBearer(session().subject(userId).sign()).cookie("dub_id", CLICK).post(Requests.PATH)
                .then().statusCode(200).body("status", equalTo("tracked"));
    }

    private static void newUserIsDelivered(String userId) {
        Fakes.clerk().givenUser(ClerkUser.named(userId));
        Fakes.dub().givenLeadTracked();
        ObjectNode event = example("user.created");
        ((ObjectNode) event.get("data")).put("id", userId).putObject("unsafe_metadata").put("dubClickId", CLICK);
        deliver(event, newMessageId()).then().statusCode(200).body("result", equalTo("tracked"));
    }

    private static void assertListedAndFew(Set<String> files, String section) throws IOException {
        Path written = Path.of("target", "path-" + section.replaceAll("\\W+", "-") + ".txt");
        Files.writeString(written, String.join("\n", files));
        assertEquals(listed(section), files, "the files that ran, against " + LISTING + " " + section);
        if (!onLambda()) {
            assertTrue(files.size() <= MOST, files.size() + " files: " + files);
        }
    }

    /**
     * The main files the section names, such as {@code `api/http/FrontDoor.java`}; on the Lambda build, with those it
     * names after {@value #ON_LAMBDA}.
     */
    static Set<String> listed(String section) throws IOException {
        String text = Files.readString(LISTING);
        int start = text.indexOf(section);
        assertTrue(start >= 0, LISTING + " has no " + section);
        int end = text.indexOf("\n## ", start + section.length());
        String listing = text.substring(start, end < 0 ? text.length() : end);
        int lambdaOnly = listing.indexOf("\n" + ON_LAMBDA);
        if (lambdaOnly >= 0 && !onLambda()) {
            listing = listing.substring(0, lambdaOnly);
        }
        Matcher file = Pattern.compile("`([\\w/]+\\.java)`").matcher(listing);
        Set<String> names = new TreeSet<>();
        while (file.find()) {
            names.add(file.group(1));
        }
        return names;
    }

    /** Whether this is the Lambda build's run (the lambda profile sets the property, as {@code LambdaSkips} reads it). */
    static boolean onLambda() {
        return "lambda".equals(System.getProperty("clerkdub.artifact"));
    }

    /** The main files with any line run by {@code work}, as JaCoCo's agent saw it. */
    static Set<String> measured(Runnable work) throws Exception {
        Object agent;
        try {
            agent = Class.forName("org.jacoco.agent.rt.RT", true, ClassLoader.getSystemClassLoader())
                    .getMethod("getAgent").invoke(null);
        } catch (ReflectiveOperationException notStarted) {
            throw new AssertionError("PathTest needs JaCoCo's agent, which the surefire execution 'path' starts: "
                    + "./mvnw test-compile surefire:test@path", notStarted);
        }
        agent.getClass().getMethod("reset").invoke(agent);
        work.run();
        byte[] data = (byte[]) agent.getClass().getMethod("getExecutionData", boolean.class).invoke(agent, true);
        List<String> ran = new ArrayList<>();
        ExecutionDataReader reader = new ExecutionDataReader(new ByteArrayInputStream(data));
        reader.setSessionInfoVisitor(info -> { });
        reader.setExecutionDataVisitor(classData -> {
            if (classData.hasHits()) {
                ran.add(classData.getName());
            }
        });
        reader.read();
        Set<String> files = new TreeSet<>();
        for (String className : ran) {
            // A nested class runs from its top-level class's file, and so does the implementation SmallRye generates
            // for a configuration mapping (QuotaConfig$$CMImpl: the mapping read on the path); ArC's beans and
            // proxies have no file.
            String file = className.replaceAll("\\$.*", "") + ".java";
            boolean ours = Files.exists(MAIN.resolve(file)) || Files.exists(LAMBDA.resolve(file));
            if (file.startsWith("app/clerkdub/") && ours) {
                files.add(file.substring("app/clerkdub/".length()));
            }
        }
        return files;
    }
}
