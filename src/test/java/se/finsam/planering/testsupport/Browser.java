package se.finsam.planering.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through Debian's ChromeDriver. Never downloads a browser or driver.
 * One per test class: starting Chromium costs a second or two.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    public static final Dimension DESKTOP = new Dimension(1280, 800);
    public static final Dimension PHONE = new Dimension(360, 740);

    private static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private final ChromeDriver driver;
    private final TestApp app;
    private final Path profile;

    public Browser(TestApp app) {
        requireBrowserTag();
        this.app = app;
        try {
            this.profile = Files.createTempDirectory("finsam-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        // Selenium Manager must not try to fetch anything: the driver and browser are given explicitly.
        System.setProperty("SE_OFFLINE", "true");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // Headless Chromium asks for English whatever --lang says; the tests' people use Swedish browsers.
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "sv-SE,sv"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-default-apps", "--disable-extensions", "--disable-quic",
                "--lang=sv-SE", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().window().setSize(DESKTOP);
    }

    /**
     * Refuses to start Chromium for a test class without the "browser" tag: such a class would slip into the fast
     * loop ({@code mvn test -Pfast}) and make it slow.
     */
    static void requireBrowserTag() {
        List<Class<?>> callers = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(c -> c != Browser.class && !c.getName().startsWith("java.")
                                && !c.getName().startsWith("jdk.") && !c.getName().startsWith("org.junit."))
                        .toList());
        boolean tagged = callers.stream().anyMatch(c -> java.util.Arrays.stream(c.getAnnotationsByType(Tag.class))
                .anyMatch(t -> t.value().equals(BrowserTest.TAG)));
        if (!tagged) {
            throw new IllegalStateException("a browser test must be tagged @Tag(\"" + BrowserTest.TAG
                    + "\") (or extend BrowserTest) so that the fast loop leaves it out; called from "
                    + (callers.isEmpty() ? "?" : callers.get(0).getName()));
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Browser open(String path) {
        driver.get(app.url(path));
        return this;
    }

    /**
     * Forgets the app's cookies, as a browser that never logged in. It first leaves for a file that runs no script:
     * a page of the app left open could still send a request in the background once the cookies are gone, be given
     * a new CSRF cookie, and so make the next form's token stale.
     */
    public Browser utanKakor() {
        open("/robots.txt");
        driver.manage().deleteAllCookies();
        return this;
    }

    public Browser size(Dimension size) {
        driver.manage().window().setSize(size);
        return this;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public void type(String css, String value) {
        WebElement element = find(css);
        element.clear();
        element.sendKeys(value);
    }

    /** Clicks something that loads a new page and waits until the new page is there. */
    public Browser clickAndWait(String css) {
        return clickAndWait(find(css));
    }

    public Browser clickAndWait(WebElement element) {
        WebElement oldPage = driver.findElement(By.tagName("html"));
        element.click();
        waitForNewPage(oldPage);
        return this;
    }

    /** Presses Enter in a field whose form submits, and waits for the next page. */
    public Browser submitWithEnter(String css) {
        WebElement oldPage = driver.findElement(By.tagName("html"));
        find(css).sendKeys(org.openqa.selenium.Keys.ENTER);
        waitForNewPage(oldPage);
        return this;
    }

    private void waitForNewPage(WebElement oldPage) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.until(d -> {
            try {
                oldPage.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                // Stale, or "does not belong to the document": either way the old page is gone.
                return true;
            }
        });
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    public Browser loginStaff(String username, String password) {
        open("/logga-in");
        type("#anvandarnamn", username);
        type("#losenord", password);
        clickAndWait("form.formular button[type=submit]");
        String path = java.net.URI.create(driver.getCurrentUrl()).getPath();
        if (path.equals("/tvafaktor")) {
            passSecondFactor(username);
        } else if (path.equals("/tvafaktor/registrera")) {
            enrolSecondFactor();
        }
        return this;
    }

    /** A new koordinator or admin without a second factor: reads the shown secret as an authenticator app would. */
    public Browser enrolSecondFactor() {
        String secret = find("#totp-hemlighet").getText().replaceAll("\\s", "");
        type("#kod", app.totpKodForHemlighet(secret));
        return clickAndWait("#tvafaktor-registrera button[type=submit]");
    }

    /** Types the TOTP code of a koordinator or admin on the second-factor page, as a person with the app would. */
    public Browser passSecondFactor(String username) {
        type("#kod", app.totpKod(username));
        return clickAndWait("#tvafaktor-totp button[type=submit]");
    }

    public Browser logout() {
        return clickAndWait(".sidhuvud__ut button");
    }

    /** axe on a laptop and on a phone, with a screenshot of each; the window is a laptop's again afterwards. */
    public void assertAccessibleAtBothSizes(String name) {
        size(DESKTOP);
        assertAccessible();
        screenshot(name + "-desktop");
        size(PHONE);
        assertAccessible();
        screenshot(name + "-telefon");
        size(DESKTOP);
    }

    /** Fails the test with a readable list if axe-core finds any WCAG 2.2 A/AA violation on the page. */
    public void assertAccessible() {
        // Legacy mode runs axe in the page itself instead of opening an about:blank tab first, which times out
        // on a loaded machine; the pages have no frames, so nothing is checked less.
        Results results = new AxeBuilder().withTags(WCAG_22_AA).setLegacyMode(true).analyze(driver);
        List<Rule> violations = results.getViolations();
        if (!violations.isEmpty()) {
            String report = violations.stream()
                    .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + "\n"
                            + rule.getNodes().stream().map(Browser::describe).collect(Collectors.joining("\n")))
                    .collect(Collectors.joining("\n\n"));
            fail("axe-core found " + violations.size() + " WCAG 2.2 AA violation(s) on "
                    + driver.getCurrentUrl() + ":\n" + report);
        }
    }

    private static String describe(CheckedNode node) {
        return "    " + node.getTarget() + "  " + node.getHtml();
    }

    /** Saves a PNG of the current window, for a person to look at. */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole page at phone width, as one tall screenshot. */
    public Path wholePageOnPhone(String name) {
        size(PHONE);
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        size(new Dimension(PHONE.width, Math.min(6000, height.intValue() + 140)));
        Path file = screenshot(name);
        size(PHONE);
        return file;
    }

    /** Prints the page on A4 as Chromium does; saves the PDF and each page as a PNG at the given resolution. */
    public byte[] printA4(String name, int dpi) {
        org.openqa.selenium.print.PrintOptions options = new org.openqa.selenium.print.PrintOptions();
        options.setPageSize(new org.openqa.selenium.print.PageSize(29.7, 21.0));
        options.setBackground(true);
        byte[] pdf = java.util.Base64.getDecoder().decode(driver.print(options).getContent());
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(dir.resolve(name + ".pdf"), pdf);
            try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                org.apache.pdfbox.rendering.PDFRenderer mallar = new org.apache.pdfbox.rendering.PDFRenderer(doc);
                for (int i = 0; i < doc.getNumberOfPages(); i++) {
                    javax.imageio.ImageIO.write(mallar.renderImageWithDPI(i, dpi), "png",
                            dir.resolve(name + "-sida" + (i + 1) + ".png").toFile());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pdf;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary profile left behind is harmless
        }
    }
}
