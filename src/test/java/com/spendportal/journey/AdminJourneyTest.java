package com.spendportal.journey;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.spendportal.support.Api;
import com.spendportal.support.BrowserSession;
import com.spendportal.jobs.Job;
import com.spendportal.support.HeyGenWireMock;
import com.spendportal.support.JobRows;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin's journey in a real browser (issue 5): log in, create an account, enter a usage-based
 * contract from a tier preset with the keyboard, import usage (a bad file, then a good one), read
 * the overage, download the statement CSV, refresh the live wallet from a WireMock HeyGen, switch
 * to a dollar package, read the usage by folder and the jobs, and check what a viewer
 * sees. Screenshots of each step land in target/screenshots/.
 */
@QuarkusTest
@Tag("h2-only") // a browser journey needs one database; the page and API tests run its queries on both
class AdminJourneyTest {

    static final Path SAMPLES = Path.of("..", "shared", "samples").toAbsolutePath().normalize();

    @TestHTTPResource("/")
    URL base;

    @HeyGenWireMock.Server
    WireMockServer heygen;

    WebDriver driver;
    int step;

    @BeforeEach
    void start() {
        driver = BrowserSession.start(1280, 1000, base.getPort());
    }

    @AfterEach
    void stop() {
        BrowserSession.stop(driver);
    }

    private void open(String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
    }

    private void shot(String name) {
        BrowserSession.screenshot(driver, String.format("%02d-%s", ++step, name));
    }

    private void login(String username, String password) {
        open("/login");
        driver.findElement(By.id("j_username")).sendKeys(username);
        driver.findElement(By.id("j_password")).sendKeys(password + Keys.ENTER);
    }

    private void logOut() {
        driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
        assertTrue(text(".flash").contains("logged out"));
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    @Test
    void adminJourney() throws Exception {
        String viewer = "journey-viewer";
        String accountName = Api.uniqueName("Journey Co");

        login("admin", "admin-test-password");
        assertEquals("Accounts", text("h1"));
        shot("dashboard");

        open("/users");
        driver.findElement(By.id("f-username")).sendKeys(viewer);
        driver.findElement(By.id("f-password")).sendKeys("journey-viewer-pw");
        driver.findElement(By.cssSelector("form[action='/users'] button[type=submit]")).click();
        assertTrue(text(".flash").contains(viewer));

        open("/accounts/new");
        driver.findElement(By.id("f-name")).sendKeys(accountName);
        driver.findElement(By.id("f-apiKey")).sendKeys("sk_fake_journey_key_7788");
        shot("new-account");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        assertTrue(text(".flash").contains("created"), text(".flash"));
        assertTrue(driver.getPageSource().contains("…7788"));
        assertFalse(driver.getPageSource().contains("sk_fake_journey_key_7788"));
        String accountPath = new URL(driver.getCurrentUrl()).getPath();
        shot("account-created");

        // Contract: a tier preset in one click, then the rest with the keyboard alone.
        driver.findElement(By.linkText("Enter contract")).click();
        WebElement blank = driver.findElement(By.id("f-mmcUsd"));
        driver.findElement(By.cssSelector("button[name=preset][value=MMC_5000]")).click();
        // the preset posts the form: read the fields of the page it answers, not of this one
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.stalenessOf(blank));
        assertEquals("5000.00", driver.findElement(By.id("f-mmcUsd")).getAttribute("value"));
        assertEquals("600000", driver.findElement(By.id("f-includedSecondsPerMonth")).getAttribute("value"));
        driver.findElement(By.cssSelector("input[name=model][value=USAGE_BASED]")).click();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            driver.switchTo().activeElement().sendKeys(Keys.TAB);
            WebElement focused = driver.switchTo().activeElement();
            String name = focused.getAttribute("name");
            order.add(name == null || name.isEmpty() ? focused.getText() : name);
            if ("startDate".equals(name)) {
                focused.sendKeys("01012026");
            } else if ("termMonths".equals(name)) {
                focused.sendKeys(Keys.chord(Keys.CONTROL, "a"), "12");
            }
        }
        assertTrue(order.indexOf("startDate") < order.indexOf("termMonths")
                && order.indexOf("termMonths") < order.indexOf("contractRatePerSecond")
                && order.indexOf("contractRatePerSecond") < order.indexOf("preset")
                && order.indexOf("preset") < order.indexOf("mmcUsd")
                && order.indexOf("mmcUsd") < order.indexOf("overageRatePerSecond"), "tab order: " + order);
        assertFalse(order.contains("version"), "hidden fields are not in the tab order: " + order);
        assertEquals("2026-01-01", driver.findElement(By.id("f-startDate")).getAttribute("value"));
        shot("contract-form");
        driver.findElement(By.id("f-packageUsd")).sendKeys(Keys.ENTER); // Enter saves, it does not pick a preset
        assertTrue(text(".flash").contains("Contract terms saved"), text(".flash"));
        assertTrue(driver.getPageSource().contains("$5,000.00"));

        // Usage: a bad file is refused with every bad line, then a good one is imported.
        open(accountPath + "/usage");
        driver.findElement(By.id("f-file")).sendKeys(SAMPLES.resolve("usage-bad.csv").toString());
        driver.findElement(By.cssSelector("form[action$='/usage/import'] button")).click();
        List<WebElement> problems = driver.findElements(By.cssSelector(".line-errors li"));
        assertEquals(6, problems.size());
        assertTrue(problems.get(0).getText().startsWith("Line 3:"), problems.get(0).getText());
        shot("usage-bad-file");
        driver.findElement(By.id("f-file")).sendKeys(SAMPLES.resolve("usage-good.csv").toString());
        driver.findElement(By.cssSelector("form[action$='/usage/import'] button")).click();
        assertTrue(text(".flash").contains("Imported usage-good.csv"), text(".flash"));
        assertEquals(4, driver.findElements(By.cssSelector("main table tbody tr")).size());
        shot("usage-imported");

        // The statement: January used 700,000 s of a 600,000 s pool.
        open(accountPath + "?asOf=2026-04-15");
        WebElement january = driver.findElement(By.xpath("//table[contains(@class,'statement')]//tr[th[starts-with(normalize-space(.),'Jan 2026')]]"));
        List<WebElement> cells = january.findElements(By.tagName("td"));
        assertEquals("100,000 s", cells.get(5).getText());
        assertEquals("$833.00", cells.get(6).getText());
        assertEquals("$5,833.00", cells.get(7).getText());
        shot("statement-usage-based");

        // The plan for the next contract, from the account page. Basis Jan-Mar: 700,000, 610,066.667 (450,000 s and
        // $1,200.50 at $0.0075/s) and 600,000 s. $5,000 (the current tier): 5,833 + 5,083.86 + 5,000 -> 63,667.44 a
        // year; packages at $0.0075/s: 1,910,066.667 * 12 / 3 * 0.0075 = 57,302.00 a year drawn, so $50,000 plus
        // 7,302.00 of top-ups, saving 6,365.44.
        open(accountPath);
        driver.findElement(By.linkText("Plan the next contract")).click();
        open(accountPath + "/plan?asOf=2026-04-15");
        String recommended = text("tr:has(.badge-ok)");
        assertTrue(recommended.contains("$50,000 package") && recommended.contains("$57,302.00"), recommended);
        assertTrue(text("tr:has(.badge-muted)").contains("$5,000/month"), text("tr:has(.badge-muted)"));
        assertTrue(driver.getPageSource().contains("$6,365.44 a year"));
        assertTrue(driver.getPageSource().contains("$5,000/month is cheaper than $1,000/month above 520,000 s a month"));
        shot("plan");
        driver.findElement(By.id("f-growthPct")).sendKeys("10");
        driver.findElement(By.xpath("//button[normalize-space()='Make the plan']")).click();
        assertTrue(driver.getCurrentUrl().contains("growthPct=10"), driver.getCurrentUrl());
        assertEquals("10", driver.findElement(By.id("f-growthPct")).getAttribute("value"));
        shot("plan-growth");
        open(accountPath + "?asOf=2026-04-15");

        // The statement's CSV (the daily spend chart has a "Download CSV" of its own), fetched with this browser's session.
        String href = driver.findElement(By.cssSelector("a[href*='/statement.csv']")).getAttribute("href");
        var request = given().redirects().follow(false);
        for (Cookie c : driver.manage().getCookies()) {
            request.cookie(c.getName(), c.getValue());
        }
        var download = request.get(href);
        assertEquals(200, download.statusCode());
        assertTrue(download.header("Content-Disposition").startsWith("attachment"));
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(download.asString())).getRecords();
        assertEquals("2026-01", rows.get(0).get("month"));
        assertEquals("833.00", rows.get(0).get("overage_usd"));
        assertEquals("TOTAL", rows.get(rows.size() - 1).get("month"));

        // The live wallet from (fake) HeyGen: the key goes in the x-api-key header only.
        HeyGenWireMock.stub(heygen, "sk_fake_journey_key_7788", 200, "users-me-wallet-usd.json");
        open(accountPath);
        driver.findElement(By.xpath("//button[normalize-space()='Refresh now']")).click();
        assertTrue(text(".flash").contains("$68,899.45"), text(".flash"));
        assertTrue(driver.getPageSource().contains("$68,899.45"));
        heygen.verify(1, getRequestedFor(urlEqualTo(HeyGenWireMock.USERS_ME)).withHeader("x-api-key",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("sk_fake_journey_key_7788")));
        shot("wallet-refreshed");

        // Switch the contract to a $120,000 dollar package.
        open(accountPath + "/contract");
        driver.findElement(By.cssSelector("input[name=model][value=DOLLAR_PACKAGE]")).click();
        driver.findElement(By.id("f-packageUsd")).sendKeys("120,000");
        driver.findElement(By.cssSelector("main form button.default-submit ~ fieldset ~ div.actions button[type=submit]")).click();
        assertTrue(text(".flash").contains("saved"), text(".flash"));
        open(accountPath + "?asOf=2026-04-15");
        assertTrue(driver.getPageSource().contains("Remaining of $120,000.00"));
        assertTrue(driver.getPageSource().contains("Runway"));
        assertFalse(driver.findElements(By.cssSelector("table.statement td")).isEmpty());
        shot("statement-package");

        // The job list (DESIGN §18), as a sync would have stored it: usage by folder on the account page, then the jobs.
        long accountId = Long.parseLong(accountPath.substring(accountPath.lastIndexOf('/') + 1));
        Instant thisMonth = YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant lastMonth = thisMonth.minus(Duration.ofDays(20));
        JobRows.store(accountId, Map.of("fld_mkt", "Marketing", "fld_onb", "Onboarding"), List.of(
                JobRows.completed("j1", lastMonth, lastMonth.plusSeconds(600), "120", "fld_mkt", "Spring teaser"),
                JobRows.completed("j2", thisMonth, thisMonth.plusSeconds(5), "92.417", "fld_onb", "Welcome (EN)"),
                JobRows.job("j3", "completed", thisMonth, thisMonth.plusSeconds(6), "92.4", "fld_onb", Job.TRANSLATION,
                        "Welcome (FR)"),
                JobRows.job("j4", "failed", thisMonth, thisMonth.plusSeconds(7), null, "", Job.VIDEO, "Support macro 12"),
                JobRows.completed("j5", thisMonth, thisMonth.plusSeconds(8), "15", "", "<b>Untitled</b> video")));
        open(accountPath);
        List<WebElement> folders = driver.findElements(By.cssSelector("#usage-by-folder table.folders"));
        assertEquals(2, folders.size());
        assertEquals("Onboarding", folders.get(0).findElement(By.cssSelector("tbody th")).getText());
        assertTrue(folders.get(0).findElement(By.cssSelector("tfoot")).getText().contains("199.817 s"),
                folders.get(0).getText());
        assertTrue(folders.get(1).getText().contains("Marketing"), folders.get(1).getText());
        ((JavascriptExecutor) driver).executeScript("document.getElementById('usage-by-folder').scrollIntoView()");
        shot("usage-by-folder");
        driver.findElement(By.linkText("All jobs")).click();
        assertEquals(5, driver.findElements(By.cssSelector("table.jobs tbody tr")).size());
        assertTrue(driver.getPageSource().contains("&lt;b&gt;Untitled&lt;/b&gt; video"));
        shot("jobs");
        new Select(driver.findElement(By.id("f-status"))).selectByValue("failed");
        driver.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("status=failed"));
        assertEquals("Support macro 12", driver.findElement(By.cssSelector("table.jobs tbody td.wrap")).getText());
        shot("jobs-failed");

        logOut();

        login(viewer, "journey-viewer-pw");
        open(accountPath);
        assertTrue(BrowserSession.findNow(driver, By.linkText("Edit contract")).isEmpty());
        assertTrue(BrowserSession.findNow(driver, By.linkText("Enter usage")).isEmpty());
        assertTrue(BrowserSession.findNow(driver, By.linkText("Delete")).isEmpty());
        open(accountPath + "/usage");
        assertTrue(BrowserSession.findNow(driver, By.id("f-file")).isEmpty());
        open(accountPath + "/jobs?folder=fld_onb");
        assertEquals(2, driver.findElements(By.cssSelector("table.jobs tbody tr")).size());
        shot("viewer-account");
        logOut();
        shot("logged-out");
    }
}
