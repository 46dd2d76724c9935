package app.clerkdub.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium through its own chromedriver (never Selenium Manager, which would go online).
 * Every *.example.test host resolves to this machine, so one port serves several origins.
 * <p>
 * Where they are: the environment variables {@code CHROME_BINARY} (Chromium or Chrome) and
 * {@code CHROMEDRIVER}, else {@code chromium} (or {@code chromium-browser}, {@code google-chrome}) and
 * {@code chromedriver} on {@code PATH}. Where there are none, the browser test classes are skipped with one
 * line saying so ({@link Needed}), except with {@code BROWSER_TESTS=required} (set by {@code .ci/run}), where
 * they fail.
 */
final class Browser implements AutoCloseable {
    static final String CHROME_BINARY = "CHROME_BINARY";
    static final String CHROMEDRIVER = "CHROMEDRIVER";
    static final String REQUIRED_SWITCH = "BROWSER_TESTS";
    private static final List<String> CHROME_NAMES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable");

    private final ChromeDriver driver;

    /** The browser and its driver, or why they were not found. */
    record Executables(Path chrome, Path chromedriver, String missing) {
        static Executables locate() {
            Optional<Path> chrome = find(CHROME_BINARY, CHROME_NAMES);
            Optional<Path> chromedriver = find(CHROMEDRIVER, List.of("chromedriver"));
            List<String> missing = new ArrayList<>();
            if (chrome.isEmpty()) {
                missing.add("Chromium (" + where(CHROME_BINARY, String.join("/", CHROME_NAMES)) + ")");
            }
            if (chromedriver.isEmpty()) {
                missing.add("chromedriver (" + where(CHROMEDRIVER, "chromedriver") + ")");
            }
            return new Executables(chrome.orElse(null), chromedriver.orElse(null), String.join(" and ", missing));
        }

        boolean found() {
            return missing.isEmpty();
        }

        private static String where(String variable, String names) {
            String given = System.getenv(variable);
            return given == null || given.isBlank() ? variable + ", or " + names + " on PATH"
                    : variable + "=" + given + " is not an executable file";
        }

        /** The variable's file when it is set (and then only it), else the first name found on PATH. */
        private static Optional<Path> find(String variable, List<String> names) {
            String given = System.getenv(variable);
            if (given != null && !given.isBlank()) {
                return Optional.of(Path.of(given)).filter(Files::isExecutable);
            }
            String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
            return names.stream()
                    .flatMap(name -> Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                            .map(dir -> Path.of(dir, name)))
                    .filter(Files::isExecutable)
                    .findFirst();
        }
    }

    static final Executables EXECUTABLES = Executables.locate();

    /**
     * Runs a class of browser tests only where there is a browser; where there is none, the class is skipped
     * with one line naming what is missing, or fails with {@code BROWSER_TESTS=required}. A condition rather
     * than an assumption in {@code @BeforeAll}, so that a skipped class does not start the service either.
     */
    static final class Needed implements ExecutionCondition {
        private static final AtomicBoolean TOLD = new AtomicBoolean();

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (EXECUTABLES.found()) {
                return ConditionEvaluationResult.enabled("browser: " + EXECUTABLES.chrome());
            }
            String why = "browser tests skipped: no " + EXECUTABLES.missing();
            if ("required".equalsIgnoreCase(System.getenv(REQUIRED_SWITCH))) {
                throw new IllegalStateException(why.replace("skipped", "required (" + REQUIRED_SWITCH + "=required)"));
            }
            if (!TOLD.getAndSet(true)) {
                System.err.println(why);
            }
            return ConditionEvaluationResult.disabled(why);
        }
    }

    Browser() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(EXECUTABLES.chromedriver().toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(EXECUTABLES.chrome().toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--no-first-run",
                "--host-resolver-rules=MAP *.example.test 127.0.0.1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    ChromeDriver driver() {
        return driver;
    }

    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.withMessage(() -> "at " + driver.getCurrentUrl() + ", console:\n" + consoleLog());
        return wait;
    }

    /**
     * Runs {@code body} as an async function in the page (its arguments as {@code args}) and returns what
     * it returns; a rejection comes back as {@code {"error": "..."}}.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> run(String body, Object... args) {
        String script = "const done = arguments[arguments.length - 1];\n"
                + "const args = Array.from(arguments).slice(0, -1);\n"
                + "(async (args) => {\n" + body + "\n})(args).then(done, (e) => done({ error: String(e) }));";
        return (Map<String, Object>) driver.executeAsyncScript(script, args);
    }

    /** The page's console, CORS refusals included. */
    String consoleLog() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        return entries.stream().map(LogEntry::getMessage).collect(Collectors.joining("\n"));
    }

    /** The {@code dub_id} the page holds, or null. */
    String dubIdCookie() {
        Object value = driver.executeScript("const pair = document.cookie.split('; ')"
                + ".find((c) => c.startsWith('dub_id=')); return pair ? pair.substring(7) : null;");
        return (String) value;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
