package io.storelink.server.browser;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.storelink.core.CoreModule;
import io.storelink.core.config.HostConfig;
import io.storelink.core.retry.RetryPolicy;
import io.storelink.core.schedule.ScheduleSettings;
import io.storelink.core.schedule.SyncScheduler;
import io.storelink.server.ServerConfig;
import io.storelink.server.ServerModule;
import io.storelink.server.StorelinkServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The web console in a real headless Chromium, served by a real server with the real Magento 2 plugin archive. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ConsoleIT {

    @TempDir
    static Path home;

    private StorelinkServer server;
    private SyncScheduler scheduler;
    private ChromeDriver chrome;
    private String token;
    private String base;

    @BeforeAll
    void start() throws Exception {
        Path plugins = Path.of(System.getProperty("storelink.it.plugins", "target/it-plugins"));
        HostConfig host = new HostConfig(home, plugins, Duration.ofSeconds(10),
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(1)))
                .withSchedule(ScheduleSettings.DEFAULTS.withImportInterval(Duration.ofDays(1)));
        ServerConfig config = new ServerConfig("127.0.0.1", 0, home.resolve("api-token"), 16 * 1024, List.of(),
                Duration.ofSeconds(5));
        Injector injector = Guice.createInjector(new CoreModule(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
                binder -> binder.bind(HostConfig.class).toInstance(host), new ServerModule(config));
        server = injector.getInstance(StorelinkServer.class);
        scheduler = injector.getInstance(SyncScheduler.class);
        scheduler.start();
        base = "http://127.0.0.1:" + server.start();
        token = Files.readString(home.resolve("api-token")).strip();
        chrome = Browser.start();
    }

    @AfterAll
    void stop() {
        if (chrome != null) {
            chrome.quit();
        }
        scheduler.stop(Duration.ofSeconds(10));
        server.close();
    }

    @Test
    void theTokenOpensTheConsoleAndThePlatformsAreListed() {
        chrome.get(base + "/");
        WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(token);
        chrome.findElement(By.cssSelector("#login button[type=submit]")).click();

        String platforms = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("platforms"))).getText();
        assertThat(chrome.getCurrentUrl()).startsWith(base + "/console/");
        assertThat(platforms).contains("Magento 2");
        assertThat((String) chrome.executeScript("return sessionStorage.getItem('storelink.api-token')"))
                .isEqualTo(token);
        assertThat((Object) chrome.executeScript("return localStorage.length")).isEqualTo(0L);
    }
}
