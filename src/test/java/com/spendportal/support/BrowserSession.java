package com.spendportal.support;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.events.EventFiringDecorator;
import org.openqa.selenium.support.events.WebDriverListener;

/**
 * Debian's headless Chromium through its chromedriver; never downloads a browser. Every page of the portal that a
 * browser test arrives at is checked by axe-core for WCAG 2.0/2.1 A and AA (DESIGN §17), at 1280 and at 390 px wide,
 * whatever brought it there (an address, a click, Enter in a form): a page added later is checked by visiting it.
 * A document the run has already checked, exactly as it is now, is not checked again. {@link #stop} fails the test with
 * every violation found.
 */
public final class BrowserSession {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** The widths of DESIGN §17: a laptop and a phone. */
    public static final List<Dimension> WIDTHS = List.of(new Dimension(1280, 900), new Dimension(390, 844));

    /** How long a lookup waits for its element to appear (a page that is still loading). */
    private static final Duration IMPLICIT_WAIT = Duration.ofSeconds(2);
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final Set<String> NOT_A_PAGE = Set.of("quit", "close", "getScreenshotAs", "executeScript", "manage");
    private static final ThreadLocal<AxeOnEveryPage> AXE = new ThreadLocal<>();
    /** The documents (SHA-256) axe has checked at both widths in this run: a page shown again exactly so is not checked again. */
    private static final Set<String> ANALYSED = ConcurrentHashMap.newKeySet();

    private BrowserSession() {
    }

    /**
     * A headless Chromium at the given size that runs axe on every new page of the portal at {@code portalPort};
     * fails loudly in CI when it cannot start, skips elsewhere.
     */
    public static WebDriver start(int width, int height, int portalPort) {
        ChromeDriver chrome = chromium(width, height);
        AxeOnEveryPage axe = new AxeOnEveryPage(chrome, portalPort);
        WebDriver decorated = new EventFiringDecorator<WebDriver>(axe).decorate(chrome);
        AXE.set(axe);
        return decorated;
    }

    /** Quits the browser and fails with whatever axe found on the pages visited since {@link #start}. */
    public static void stop(WebDriver driver) {
        AxeOnEveryPage axe = AXE.get();
        AXE.remove();
        if (driver != null) {
            driver.quit();
        }
        if (axe != null && !axe.violations.isEmpty()) {
            Assertions.fail("axe-core found WCAG A/AA violations:\n" + String.join("\n", axe.violations));
        }
    }

    /** The pages axe has checked so far (their paths), to show a test visited what it meant to. */
    public static List<String> checkedPages() {
        AxeOnEveryPage axe = AXE.get();
        return axe == null ? List.of() : List.copyOf(axe.checked);
    }

    private static ChromeDriver chromium(int width, int height) {
        boolean ci = System.getenv("CI") != null;
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String message = "Chromium and chromedriver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver; .ci/run does it)";
            if (ci) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /**
     * The elements on the page as it is, without waiting for one to appear: to see that something is absent from a
     * loaded page, where the implicit wait would only add its two seconds.
     */
    public static List<WebElement> findNow(WebDriver driver, By by) {
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return driver.findElements(by);
        } finally {
            driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static void screenshot(WebDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * After every call of the test on the browser, looks whether the document is new (a mark it leaves on each window
     * it checked is gone) and, if it is a page of the portal, runs axe on it at both widths.
     */
    private static final class AxeOnEveryPage implements WebDriverListener {

        private final ChromeDriver driver;
        private final int portalPort;
        final List<String> violations = new ArrayList<>();
        final List<String> checked = new ArrayList<>();

        AxeOnEveryPage(ChromeDriver driver, int portalPort) {
            this.driver = driver;
            this.portalPort = portalPort;
        }

        @Override
        public void afterAnyWebDriverCall(WebDriver target, Method method, Object[] args, Object result) {
            if (!NOT_A_PAGE.contains(method.getName())) {
                checkIfNew();
            }
        }

        @Override
        public void afterAnyWebElementCall(WebElement element, Method method, Object[] args, Object result) {
            checkIfNew();
        }

        private void checkIfNew() {
            URI page;
            String document;
            try {
                // One round trip after each call of the test: a page of the portal not seen yet answers its address and
                // its document (hidden fields blanked: the CSRF token differs between browsers, and nothing shows it)
                Object found = ((JavascriptExecutor) driver).executeScript("if (location.port !== arguments[0]"
                        + " || document.readyState !== 'complete' || window.__axeChecked === true) { return null; }"
                        + " window.__axeChecked = true;"
                        + " var copy = document.documentElement.cloneNode(true);"
                        + " copy.querySelectorAll('input[type=hidden]').forEach(function (e) { e.removeAttribute('value'); });"
                        + " return [location.href, copy.outerHTML];", String.valueOf(portalPort));
                if (!(found instanceof List<?> hrefAndDocument)) {
                    return;
                }
                page = URI.create((String) hrefAndDocument.get(0));
                document = (String) hrefAndDocument.get(1);
            } catch (WebDriverException | IllegalArgumentException e) {
                return; // between two pages, or not a web page: the next call looks again
            }
            String path = page.getRawPath() + (page.getRawQuery() == null ? "" : "?" + page.getRawQuery());
            checked.add(path);
            if (!ANALYSED.add(sha256(document))) {
                return; // the same document, by an earlier visit of any browser test: axe would find the same
            }
            Dimension before = driver.manage().window().getSize();
            try {
                for (Dimension size : WIDTHS) {
                    driver.manage().window().setSize(size);
                    Results results = axe().analyze(driver);
                    for (Rule rule : results.getViolations()) {
                        List<String> where = rule.getNodes().stream().map(CheckedNode::getTarget).map(String::valueOf).toList();
                        violations.add(path + " at " + size.getWidth() + " px: " + rule.getId() + " (" + rule.getImpact()
                                + ") " + rule.getHelp() + " on " + where);
                    }
                }
            } finally {
                driver.manage().window().setSize(before);
            }
        }

        /**
         * axe-core run in the page itself ("legacy mode"): the default since axe 4.3 injects axe a second time into a
         * blank window it opens for every run, to merge the results of cross-origin frames; the portal's pages have no
         * frames, and the results are the same rule for rule.
         */
        @SuppressWarnings("deprecation")
        private static AxeBuilder axe() {
            return new AxeBuilder().withTags(WCAG).disableIframeTesting().setLegacyMode(true);
        }
    }
}
