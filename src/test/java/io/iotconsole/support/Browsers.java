package io.iotconsole.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by Selenium through Debian's chromedriver; nothing is downloaded. Each browser is
 * one person with its own profile, removed after the test; a failed test leaves a screenshot of every open browser under
 * {@code target/screenshots}.
 */
public final class Browsers implements AfterEachCallback {
    private final List<WebDriver> open = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    public WebDriver open() {
        Path profile;
        try {
            profile = Files.createTempDirectory("console-chromium-");
            profiles.add(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("console.chromium", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("console.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        open.add(driver);
        return driver;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (context.getExecutionException().isPresent()) {
                Path dir = Path.of("target", "screenshots");
                Files.createDirectories(dir);
                for (int i = 0; i < open.size(); i++) {
                    File shot = ((TakesScreenshot) open.get(i)).getScreenshotAs(OutputType.FILE);
                    Files.copy(
                            shot.toPath(),
                            dir.resolve(context.getRequiredTestMethod().getName() + "-" + i + ".png"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            open.forEach(WebDriver::quit);
            open.clear();
            // a profile is a few megabytes of cache and preferences, of no use once its browser has quit
            for (Path profile : profiles) {
                try {
                    org.springframework.util.FileSystemUtils.deleteRecursively(profile);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            profiles.clear();
        }
    }
}
