package io.storelink.server.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The web console in a real headless Chromium, served by a real server with the real Magento 2 plugin archive. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ConsoleIT {

    @TempDir
    static Path home;

    private RunningServer server;
    private ChromeDriver chrome;
    private String token;
    private String base;

    @BeforeAll
    void start() throws Exception {
        server = new RunningServer(home);
        base = server.base();
        token = server.token();
        chrome = Browser.start();
    }

    @AfterAll
    void stop() {
        if (chrome != null) {
            chrome.quit();
        }
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
