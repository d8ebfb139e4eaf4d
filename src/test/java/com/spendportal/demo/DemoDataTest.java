package com.spendportal.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.HeyGenWireMock;
import com.spendportal.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Demo mode: sample accounts whose wallets come from the portal's own fake upstream, never HeyGen. */
@QuarkusTest
class DemoDataTest {

    @HeyGenWireMock.Server
    WireMockServer heygen;

    @BeforeEach
    @AfterEach
    void noDemoData() {
        Users.ensureViewer();
        assertEquals(303, Browser.admin().post("/demo/remove", Map.of()).statusCode());
    }

    static List<Map<String, Object>> demoAccounts() {
        return Api.admin().get("/api/accounts").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.demo == true }");
    }

    @Test
    void loadingShowsLiveDemoWalletsFromTheBuiltInUpstreamAndRemovingTakesThemAway() throws InterruptedException {
        int heygenRequests = heygen.findAll(anyRequestedFor(anyUrl())).size();
        Browser admin = Browser.admin();
        Response loaded = admin.post("/demo/load", Map.of());
        assertEquals(303, loaded.statusCode());
        Document dashboard = admin.page("/");
        assertTrue(dashboard.select(".flash").text().startsWith("Loaded 3 demo accounts"), dashboard.select(".flash").text());
        assertFalse(dashboard.select("form[action=/demo/remove]").isEmpty());

        List<Map<String, Object>> demo = demoAccounts();
        assertEquals(3, demo.size());
        for (Map<String, Object> account : demo) {
            assertNotNull(account.get("contract"), account.get("name") + " has a contract");
        }

        // Two cost centres with budgets over the demo folders: Learning holds Initech's whole account (its $5,000 a
        // month against $5,500) and Acme's onboarding folder, Marketing every account's marketing folder.
        Document centres = admin.page("/cost-centres");
        assertEquals(List.of("Demo \u00b7 Learning $5,500.00", "Demo \u00b7 Marketing $25,000.00"),
                centres.select("table.cost-centres tbody tr").stream().filter(r -> r.select("th").text().startsWith("Demo"))
                        .map(r -> r.select("th").text() + " " + r.select("td[data-label=Budget]").text()).toList());
        String learning = centres.select("table.cost-centres th a:contains(Learning)").attr("href");
        String members = admin.page(learning).select("table.members tbody").text();
        // the demo upstream's onboarding folder: by its id until the job list's folder names are read, then by name
        assertTrue(members.contains("Demo \u00b7 Initech Learning whole account")
                && (members.contains("fld_demo_onboarding") || members.contains("Onboarding")), members);

        long deadline = System.currentTimeMillis() + 20_000;
        List<Map<String, Object>> read;
        do {
            Thread.sleep(200);
            read = demoAccounts().stream().filter(a -> a.get("latestSnapshot") != null
                    && "FETCHED".equals(((Map<?, ?>) a.get("latestSnapshot")).get("source"))).toList();
        } while (read.size() < 3 && System.currentTimeMillis() < deadline);
        assertEquals(3, read.size(), "every demo wallet was read at once after loading");

        long packageId = demo.stream().filter(a -> "DOLLAR_PACKAGE".equals(((Map<?, ?>) a.get("contract")).get("model")))
                .map(a -> ((Number) a.get("id")).longValue()).findFirst().orElseThrow();
        JsonPath before = Api.admin().get("/api/accounts/" + packageId).jsonPath();
        BigDecimal balance = new BigDecimal(before.getString("latestSnapshot.remainingBalance"));
        assertTrue(balance.signum() > 0 && balance.compareTo(new BigDecimal("120000")) < 0, balance.toString());

        Document page = admin.page("/accounts/" + packageId);
        assertTrue(page.select("section.wallet .kpi").text().startsWith("$"), page.select("section.wallet").text());
        assertFalse(page.select("section.wallet .badge-demo").isEmpty());

        // The $120,000 package is drawn at about $78,000 a year: the plan recommends a smaller one (DESIGN §14).
        JsonPath plan = Api.admin().get("/api/accounts/" + packageId + "/plan").jsonPath();
        assertTrue(plan.getString("recommended").startsWith("PACKAGE_"), plan.prettify());
        assertTrue(new BigDecimal(plan.getString("options[0].savingVsCurrentUsd")).signum() > 0, plan.prettify());

        Api.admin().post("/api/accounts/" + packageId + "/wallet/refresh").then().statusCode(200);
        assertEquals(heygenRequests, heygen.findAll(anyRequestedFor(anyUrl())).size(), "demo accounts never call HeyGen");

        assertEquals(303, admin.post("/demo/load", Map.of()).statusCode());
        assertEquals("Demo data is already loaded.", admin.page("/").select(".flash").text());
        assertEquals(3, demoAccounts().size());

        assertEquals(303, admin.post("/demo/remove", Map.of()).statusCode());
        assertTrue(admin.page("/").select(".flash").text().startsWith("Removed 3 demo accounts"));
        assertEquals(0, demoAccounts().size());
        Api.admin().get("/api/accounts/" + packageId).then().statusCode(404);
        assertTrue(admin.page("/cost-centres").select("table.cost-centres th:contains(Demo)").isEmpty(),
                "the demo's cost centres went with its accounts");
    }

    @Test
    void theBuiltInUpstreamAnswersOnlyDemoKeys() {
        given().header("x-api-key", "demo_pkg_000000000000000000000000").get("/demo-heygen/v3/users/me")
                .then().statusCode(401);
        given().get("/demo-heygen/v3/users/me").then().statusCode(401);
    }

    @Test
    void viewersCannotLoadOrRemoveDemoData() {
        Browser viewer = Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD);
        assertEquals(403, viewer.post("/demo/load", Map.of()).statusCode());
        assertEquals(0, demoAccounts().size());
        assertEquals(403, viewer.post("/demo/remove", Map.of()).statusCode());
    }
}
