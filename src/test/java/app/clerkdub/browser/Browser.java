package app.clerkdub.browser;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through its own chromedriver (never Selenium Manager, which would go online).
 * Every *.example.test host resolves to this machine, so one port serves several origins.
 */
final class Browser implements AutoCloseable {
    private final ChromeDriver driver;

    Browser() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
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
