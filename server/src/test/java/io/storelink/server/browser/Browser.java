package io.storelink.server.browser;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real headless Chromium for the browser tests: the machine's own {@code chromium} driven through its
 * {@code chromedriver}. Nothing is downloaded; Selenium Manager is never asked, because both paths are given.
 * Missing programs fail the test with the command that installs them, since a browser test that quietly skips
 * proves nothing.
 */
public final class Browser {

    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");
    private static final List<String> DRIVERS = List.of("chromedriver", "chromium-driver");

    private Browser() {
    }

    /** A new headless browser at a fixed window size (so screenshots are comparable from run to run). */
    public static ChromeDriver start() {
        Path browser = find("storelink.chromium", BROWSERS);
        Path driver = find("storelink.chromedriver", DRIVERS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-US", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    /** Saves a PNG of what the browser shows. */
    public static void screenshot(ChromeDriver chrome, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, chrome.getScreenshotAs(OutputType.BYTES));
    }

    private static Path find(String property, List<String> names) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (Files.isExecutable(path)) {
                return path;
            }
            throw new IllegalStateException(property + " is '" + configured + "', which is not an executable file");
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(pathVariable.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .flatMap(dir -> names.stream().map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The browser tests need " + names.get(0)
                        + " on the PATH (or -D" + property + "=/path): install Debian's chromium and chromium-driver"
                        + " with 'apt-get install -y chromium chromium-driver' (.ci/run does this)"));
    }
}
