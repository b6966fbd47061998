package bg.nrm.service.web;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A real Chromium (Debian's {@code chromium} and {@code chromium-driver}, headless) driven by Selenium against a
 * service started by the test. Binary and driver are named explicitly, so Selenium Manager never goes online.
 * Every page a test looks at can be saved as a screenshot under {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {
    private static final Path SHOTS = Path.of("target", "screenshots");
    /** The WCAG 2.x A and AA rules (2.0, 2.1, 2.2) that axe-core checks. */
    private static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private final Path downloads = Path.of("target", "downloads", UUID.randomUUID().toString()).toAbsolutePath();
    private final WebDriver driver;
    private final String base;

    public Browser(String base) {
        this(base, 1280, 1000);
    }

    public Browser(String base, int width, int height) {
        File chromium = new File("/usr/bin/chromium");
        File chromedriver = new File("/usr/bin/chromedriver");
        if (!chromium.canExecute() || !chromedriver.canExecute()) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver; .ci/run installs them)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=bg", "--no-first-run", "--disable-extensions");
        // Files the pages offer for download land in a folder of this browser's own, for the test to read.
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        if (width < 600) {
            // Headless Chromium keeps a window wider than a phone; the viewport itself is set to the phone's size.
            chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 1, "mobile", true));
        }
        this.driver = chrome;
        this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        this.base = base;
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public java.util.List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    public Browser type(String css, String value) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(value);
        return this;
    }

    public Browser click(String css) {
        find(css).click();
        return this;
    }

    /** Waits (up to {@code seconds}) until an element matching {@code css} is visible. */
    public WebElement waitFor(String css, int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /**
     * Waits (up to {@code seconds}) until the element matching {@code css} has {@code attribute} equal to
     * {@code value}, and returns that value: a click that posts a form returns before the next page is loaded.
     */
    public String waitForAttribute(String css, String attribute, String value, int seconds) {
        new WebDriverWait(driver, Duration.ofSeconds(seconds)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> value.equals(d.findElement(By.cssSelector(css)).getAttribute(attribute)));
        return find(css).getAttribute(attribute);
    }

    /**
     * Waits (up to {@code seconds}) until the element matching {@code css} reads {@code text}, and returns the text
     * then (the last one seen if it never does, for the test's own assertion to report): after a click, the old
     * page's element may still be there, or go stale while it is read.
     */
    public String waitForText(String css, String text, int seconds) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(seconds))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .until(d -> text.equals(d.findElement(By.cssSelector(css)).getText()));
        } catch (org.openqa.selenium.TimeoutException e) {
            // Fall through: the caller's assertion names what was expected and what was read.
        }
        return text(css);
    }

    /**
     * Waits (up to {@code seconds}) until the address's path matches {@code regex} and returns the path then (the
     * last one seen if it never matches, for the test's own assertion to report): a click that follows a link or
     * posts a form returns before the next page is there.
     */
    public String waitForPath(String regex, int seconds) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(seconds)).until(d -> path().matches(regex));
        } catch (org.openqa.selenium.TimeoutException e) {
            // Fall through: the caller's assertion names what was expected and what the path is.
        }
        return path();
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    /** Signs in through the sign-in page, as a new visitor (any earlier session's cookie is dropped first). */
    public Browser signIn(String username, String password) {
        open("/");
        driver.manage().deleteAllCookies();
        open("/");
        WebElement form = find("form[action='/sign-in']");
        type("#username", username).type("#password", password).click("form[action='/sign-in'] button");
        // The click returns before the answer arrives: wait for the next page (a home page or the form again with
        // its error), so that the session cookie is set before the test goes on.
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try {
                form.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                // Stale, or (while the next page replaces it) "does not belong to the document": either way, gone.
                return true;
            }
        });
        return this;
    }

    /** Where this browser saves downloads. */
    public Path downloads() {
        return downloads;
    }

    /** Waits (up to {@code seconds}) until a download whose name ends with {@code suffix} is complete. */
    public Path downloaded(String suffix, int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds)).until(d -> {
            try (var files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    /**
     * Runs axe-core (Deque's Selenium integration) on the current page against WCAG 2.2 A and AA and fails with
     * the rules and elements if it finds any serious or critical violation.
     */
    public Browser accessible() {
        Results results = new AxeBuilder().withTags(WCAG_AA).analyze(driver);
        List<Rule> bad = results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact())).toList();
        if (!bad.isEmpty()) {
            throw new AssertionError("accessibility violations on " + path() + ":\n" + bad.stream()
                    .map(r -> r.getImpact() + " " + r.getId() + ": " + r.getHelp() + " at " + r.getNodes().stream()
                            .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("\n")));
        }
        return this;
    }

    /**
     * Saves the current page as {@code target/screenshots/<name>.png}, then checks it with axe-core
     * ({@link #accessible()}): every page a test looks at is checked, and a failing one is on file.
     */
    public Path screenshot(String name) {
        Path to = SHOTS.resolve(name + ".png");
        try {
            Files.createDirectories(SHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.move(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        accessible();
        return to;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
