package io.industrybrain.app.livepage;

import io.industrybrain.testkit.DebianPackages;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Both paths are given to
 * Selenium, so its Selenium Manager never runs and nothing is downloaded; each instance has a fresh
 * profile directory, removed on close.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final int WIDTH = 1440;
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    /** Where the root README's images are, from the module directory the tests run in. */
    private static final Path README_IMAGES = Path.of("../docs/images");

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Installs Chromium, its driver and a CJK font (the page is half Chinese) when missing, then starts it. */
    public static HeadlessChromium start() throws IOException {
        return start(List.of());
    }

    /**
     * As {@link #start()}, trusting a self-signed https certificate besides the system's: that one, by its public key,
     * rather than every certificate as {@code --ignore-certificate-errors} would.
     */
    public static HeadlessChromium trusting(Certificate certificate) throws IOException, GeneralSecurityException {
        byte[] publicKey = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
        return start(List.of("--ignore-certificate-errors-spki-list=" + Base64.getEncoder().encodeToString(publicKey)));
    }

    private static HeadlessChromium start(List<String> arguments) throws IOException {
        DebianPackages.require(List.of("which", "chromedriver"), "chromium", "chromium-driver");
        DebianPackages.require(List.of("sh", "-c", "fc-list :lang=zh | grep -q ."), "fonts-wqy-microhei");
        Path profile = Files.createTempDirectory("livepage-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + ",1000", "--hide-scrollbars");
        options.addArguments(arguments);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(profile, service, driver);
    }

    WebDriver driver() {
        return driver;
    }

    public LivePage open(String url) {
        driver.get(url);
        return new LivePage(driver);
    }

    /** Loads any other page, to be read with {@link #script}. */
    public void load(String url) {
        driver.get(url);
    }

    /** Runs a script in the page and returns what it returns (maps, lists, strings, numbers, booleans). */
    public Object script(String javascript) {
        return driver.executeScript(javascript);
    }

    /**
     * Makes the viewport as tall as the page, so that the screenshot shows all of it. The window's
     * size includes what the browser keeps for itself, so the viewport is measured after a first try.
     */
    public void fitWindowToPage() {
        JavascriptExecutor js = driver;
        // The page's height is never less than the viewport's: start short, or a taller previous page sets it.
        driver.manage().window().setSize(new Dimension(WIDTH, 400));
        int pageHeight = ((Number) js.executeScript("return document.documentElement.scrollHeight")).intValue();
        driver.manage().window().setSize(new Dimension(WIDTH, pageHeight));
        int viewport = ((Number) js.executeScript("return window.innerHeight")).intValue();
        driver.manage().window().setSize(new Dimension(WIDTH, Math.min(2 * pageHeight - viewport, 8000)));
    }

    public void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Saves {@code target/screenshots/<name>.png}; with {@code -Dscreenshots.update=true} also the
     * README's {@code docs/images/<name>.png}, so that the images are refreshed only on purpose.
     */
    public void screenshotForReadme(String name) throws IOException {
        Path file = SCREENSHOTS.resolve(name + ".png");
        screenshot(file);
        if (Boolean.getBoolean("screenshots.update")) {
            Files.createDirectories(README_IMAGES);
            Files.copy(file, README_IMAGES.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.close();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
