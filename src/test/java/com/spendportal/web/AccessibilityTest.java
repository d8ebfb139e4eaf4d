package com.spendportal.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.BrowserSession;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;

/**
 * The structural accessibility rules every page keeps: labelled form controls, captioned tables
 * with scoped header cells, one h1, a language and a title, named images and unique ids. Colour
 * contrast is {@link ContrastTest}.
 */
@QuarkusTest
@Tag("h2-only") // pages in a browser with axe need one database; the page tests run their queries on both
class AccessibilityTest {

    @TestHTTPResource("/")
    URL base;

    /** The pages of an admin, with accounts of both models and one without a contract. */
    private static List<String> adminPages() {
        long usageBased = Api.createAccount(Api.uniqueName("A11y usage"), "sk_fake_a11y_usage_key_1234");
        Api.admin().body("{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"mmcUsd\":\"5000.00\","
                + "\"contractRatePerSecond\":\"0.00750\",\"includedSecondsPerMonth\":600000,\"overageRatePerSecond\":\"0.00833\"}")
                .put("/api/accounts/" + usageBased + "/contract").then().statusCode(200);
        Api.admin().body("[{\"month\":\"2026-02\",\"seconds\":700000}]")
                .post("/api/accounts/" + usageBased + "/usage").then().statusCode(org.hamcrest.Matchers.lessThan(300));
        Api.admin().body("[{\"fetchedAt\":\"2026-02-01T00:00:00Z\",\"remainingBalance\":\"1000.00\"}]")
                .post("/api/accounts/" + usageBased + "/wallet-snapshots").then().statusCode(org.hamcrest.Matchers.lessThan(300));
        long dollarPackage = Api.createAccount(Api.uniqueName("A11y package"), null);
        Api.admin().body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"packageUsd\":\"120000.00\","
                + "\"contractRatePerSecond\":\"0.0075\"}")
                .put("/api/accounts/" + dollarPackage + "/contract").then().statusCode(200);
        Api.admin().body("[{\"month\":\"2026-02\",\"usd\":\"9000.00\"}]")
                .post("/api/accounts/" + dollarPackage + "/usage").then().statusCode(org.hamcrest.Matchers.lessThan(300));
        long noContract = Api.createAccount(Api.uniqueName("A11y bare"), null);

        return List.of("/", "/accounts/new", "/accounts/" + usageBased, "/accounts/" + dollarPackage,
                "/accounts/" + noContract, "/accounts/" + usageBased + "/edit", "/accounts/" + dollarPackage + "/edit",
                "/accounts/" + usageBased + "/contract", "/accounts/" + dollarPackage + "/contract",
                "/accounts/" + usageBased + "/usage", "/accounts/" + noContract + "/usage",
                "/accounts/" + usageBased + "/delete", "/accounts/" + usageBased + "/jobs", "/users", "/backups", "/alerts", "/alerts?account=" + usageBased,
                "/tokens", "/audit");
    }

    /**
     * axe-core in a real browser finds no WCAG 2.0/2.1 A or AA violation on any page at 1280 and 390 px (DESIGN §17):
     * {@link BrowserSession} checks every page the browser arrives at, at both widths.
     */
    @Test
    void axeFindsNothingOnAnyPageAtBothWidths() {
        List<String> paths = adminPages();
        String portal = base.toString().replaceAll("/$", "");
        WebDriver driver = BrowserSession.start(1280, 900, base.getPort());
        try {
            driver.get(portal + "/login?error=1");
            driver.get(portal + "/login");
            driver.findElement(By.id("j_username")).sendKeys(Browser.ADMIN);
            driver.findElement(By.id("j_password")).sendKeys(Browser.ADMIN_PASSWORD + Keys.ENTER);
            for (String path : paths) {
                driver.get(portal + path);
            }
            driver.get(portal + "/accounts/987654321");
            List<String> checked = BrowserSession.checkedPages();
            assertTrue(checked.containsAll(paths) && checked.contains("/accounts/987654321") && checked.contains("/login"),
                    "axe ran on every page: " + checked);
        } finally {
            BrowserSession.stop(driver);
        }
    }

    @Test
    void everyPageKeepsTheStructuralRules() {
        Browser admin = Browser.admin();
        Map<String, Document> pages = new LinkedHashMap<>();
        for (String path : adminPages()) {
            pages.put(path, admin.page(path));
        }
        pages.put("/login", Jsoup.parse(given().get("/login").asString()));
        pages.put("/login?error=1", Jsoup.parse(given().get("/login?error=1").asString()));
        Response missing = admin.get("/accounts/987654321");
        assertEquals(404, missing.statusCode());
        pages.put("404", Jsoup.parse(missing.asString()));

        List<String> problems = new ArrayList<>();
        pages.forEach((path, page) -> check(path, page, problems));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void check(String path, Document page, List<String> problems) {
        if (page.select("html[lang]").attr("lang").isBlank()) {
            problems.add(path + ": <html> has no lang");
        }
        if (page.title().isBlank()) {
            problems.add(path + ": no <title>");
        }
        int h1 = page.select("h1").size();
        if (h1 != 1) {
            problems.add(path + ": " + h1 + " h1 elements, expected exactly one");
        }
        for (Element control : page.select("input, select, textarea")) {
            String type = control.attr("type").toLowerCase();
            if (control.tagName().equals("input")
                    && List.of("hidden", "submit", "button", "reset", "image").contains(type)) {
                continue;
            }
            if (!control.attr("aria-label").isBlank()) {
                continue;
            }
            String id = control.id();
            boolean labelled = !id.isBlank() && page.select("label").stream()
                    .anyMatch(label -> label.attr("for").equals(id) && !label.text().isBlank());
            if (!labelled) {
                problems.add(path + ": " + control.tagName() + " name=" + control.attr("name")
                        + " has neither a <label for> nor an aria-label");
            }
        }
        for (Element table : page.select("table")) {
            if (table.select("> caption").text().isBlank()) {
                problems.add(path + ": a table has no caption");
            }
            if (table.select("th").isEmpty()) {
                problems.add(path + ": table \"" + table.select("> caption").text() + "\" has no header cells");
            }
            for (Element th : table.select("th")) {
                String scope = th.attr("scope");
                if (!List.of("col", "row", "colgroup", "rowgroup").contains(scope)) {
                    problems.add(path + ": header cell \"" + th.text() + "\" in \"" + table.select("> caption").text()
                            + "\" has no scope");
                }
            }
        }
        for (Element img : page.select("img")) {
            if (!img.hasAttr("alt") && img.attr("aria-label").isBlank()) {
                problems.add(path + ": an img has neither alt nor aria-label");
            }
        }
        for (Element svg : page.select("svg")) {
            boolean named = !svg.attr("aria-label").isBlank() || !svg.select("> title").text().isBlank()
                    || (!svg.attr("aria-labelledby").isBlank() && page.getElementById(svg.attr("aria-labelledby")) != null
                            && !page.getElementById(svg.attr("aria-labelledby")).text().isBlank())
                    || "true".equals(svg.attr("aria-hidden"));
            if (!named) {
                problems.add(path + ": an svg has no title or aria-label");
            }
        }
        Set<String> ids = new HashSet<>();
        for (Element element : page.select("[id]")) {
            if (!ids.add(element.id())) {
                problems.add(path + ": duplicate id " + element.id());
            }
        }
    }
}
