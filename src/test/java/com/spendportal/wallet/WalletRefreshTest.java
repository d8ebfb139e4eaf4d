package com.spendportal.wallet;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.spendportal.support.HeyGenWireMock.calls;
import static com.spendportal.support.HeyGenWireMock.fixture;
import static com.spendportal.support.HeyGenWireMock.stub;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.spendportal.accounts.Account;
import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.CapturedLogs;
import com.spendportal.support.HeyGenWireMock;
import com.spendportal.support.Users;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "Refresh now" against a fake HeyGen serving the shared fixtures, through the page and the API. */
@QuarkusTest
class WalletRefreshTest {

    @HeyGenWireMock.Server
    WireMockServer heygen;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void closeBreaker() {
        breakers.resetAll();
        Users.ensureViewer();
    }

    @AfterEach
    void closeBreakerAgain() {
        breakers.resetAll();
    }

    static String newKey() {
        return "sk_fake_wallet_" + UUID.randomUUID().toString().replace("-", "");
    }

    static long account(String key) {
        return Api.createAccount(Api.uniqueName("Wallet"), key);
    }

    static Response pageRefresh(Browser browser, long id) {
        return browser.post("/accounts/" + id + "/wallet/refresh", Map.of());
    }

    static Response apiRefresh(long id) {
        return Api.admin().post("/api/accounts/" + id + "/wallet/refresh");
    }

    static Account stored(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Account.findById(id));
    }

    static long snapshotCount(long id) {
        return QuarkusTransaction.requiringNew().call(() -> WalletSnapshot.count("accountId", id));
    }

    record Refreshed(long id, String key, String flash, Document page) {
        String panel() {
            return page.select("section.wallet").text();
        }

        String kpi() {
            return page.select("section.wallet .kpi").text();
        }
    }

    /** A new account whose key gets {@code fixture} with 200, refreshed once from its page. */
    Refreshed refreshedWith(String fixture) {
        String key = newKey();
        stub(heygen, key, 200, fixture);
        long id = account(key);
        Browser admin = Browser.admin();
        Response response = pageRefresh(admin, id);
        assertEquals(303, response.statusCode());
        assertTrue(response.header("Location").endsWith("/accounts/" + id), response.header("Location"));
        Document page = admin.page("/accounts/" + id);
        return new Refreshed(id, key, page.select(".flash").text(), page);
    }

    @Test
    void aUsdWalletShowsItsBalanceAndAutoReload() {
        Refreshed r = refreshedWith("users-me-wallet-usd.json");
        assertEquals("Balance updated: $68,899.45", r.flash());
        assertEquals("$68,899.45", r.kpi());
        assertTrue(r.panel().contains("on: adds $5,000.00 when the balance falls below $1,000.00"), r.panel());
        String json = Api.admin().get("/api/accounts/" + r.id()).then().statusCode(200)
                .body("latestSnapshot.source", equalTo("FETCHED")).body("latestSnapshot.currency", equalTo("usd"))
                .body("lastRefresh.ok", equalTo(true)).extract().asString();
        assertTrue(json.contains("\"remainingBalance\":68899.45"), json);
        assertEquals(1, calls(heygen, r.key()));
    }

    @Test
    void creditsAreShownAsCreditsNeverAsDollars() {
        Refreshed r = refreshedWith("users-me-wallet-credits.json");
        assertEquals("Balance updated: 12,500 credits", r.flash());
        assertEquals("12,500 credits", r.kpi());
        assertFalse(r.panel().contains("$12,500"), r.panel());
    }

    @Test
    void usageBasedShowsMonthToDateSpendAndTheCap() {
        Refreshed r = refreshedWith("users-me-usage-based.json");
        assertEquals("Wallet updated: $4,212.37 spent this month of a $7,500.00 spending cap.", r.flash());
        assertEquals("$4,212.37", r.kpi());
        assertTrue(r.panel().contains("Spending cap $7,500.00"), r.panel());
    }

    @Test
    void aSubscriptionKeyIsWarnedAbout() {
        Refreshed r = refreshedWith("users-me-subscription.json");
        String warning = r.page().select("section.wallet .alert-warn").text();
        assertTrue(warning.contains("web subscription (team plan)"), warning);
        assertTrue(warning.contains("not against the Enterprise API balance"), warning);
    }

    @Test
    void aNullBalanceReadsUnknownNeverZero() {
        Refreshed r = refreshedWith("users-me-null-balance.json");
        assertEquals("unknown", r.kpi());
        assertFalse(r.panel().contains("$0.00"), r.panel());
        assertTrue(r.flash().contains("unknown"), r.flash());
    }

    @Test
    void unknownFieldsAreIgnored() {
        Refreshed r = refreshedWith("users-me-extra-fields.json");
        assertEquals("$1,234.50", r.kpi());
        assertTrue(r.panel().contains("on: adds $500.00 when the balance falls below $100.00"), r.panel());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "401|error-401.json|unauthorized|1|HeyGen rejected the key (401): The API key provided is invalid, expired, or missing",
        "403|error-403.json|forbidden|1|HeyGen refused this key the permission to read the wallet (403)",
        "429|error-429.json|rate_limited|1|Rate limited by HeyGen; next try after",
        "500|error-500.json|upstream_error|3|HeyGen answered with an error (500): Something went wrong on our end",
        "502|error-502-proxy.html|upstream_error|3|HeyGen answered with an error (502)",
        "200|malformed-truncated.json|invalid_response|1|HeyGen's answer is not valid JSON"})
    void aFailureIsSaidPlainlyRetriedOnlyWhenItHelpsAndKeepsTheLastGoodSnapshot(int status, String fixture, String code,
            int expectedCalls, String message) {
        Refreshed before = refreshedWith("users-me-wallet-usd.json");
        stub(heygen, before.key(), status, fixture);
        Browser admin = Browser.admin();
        assertEquals(303, pageRefresh(admin, before.id()).statusCode());
        Document page = admin.page("/accounts/" + before.id());

        String flash = page.select(".flash").text();
        assertTrue(flash.startsWith(message), flash);
        assertTrue(flash.endsWith("the last good snapshot is kept."), flash);
        assertEquals(1 + expectedCalls, calls(heygen, before.key()), "upstream calls");
        assertEquals(1, snapshotCount(before.id()));
        assertEquals("$68,899.45", page.select("section.wallet .kpi").text());
        String alert = page.select("section.wallet .alert-bad").text();
        assertTrue(alert.contains(message), alert);
        assertFalse(page.html().contains("Exception"));
        assertFalse(page.select("section.wallet").html().contains("<center>"));

        Account account = stored(before.id());
        assertEquals(code, account.lastRefreshErrorCode);
        assertEquals("rate_limited".equals(code) ? 0 : 1, account.consecutiveFailures, "a 429 is no failure to back off from");
        Api.admin().get("/api/accounts/" + before.id()).then()
                .body("lastRefresh.ok", equalTo(false)).body("lastRefresh.errorCode", equalTo(code))
                .body("latestSnapshot.source", equalTo("FETCHED"));
    }

    @Test
    void theApiAnswersEachOutcomeWithAClearStatusAndCode() {
        String key = newKey();
        long id = account(key);
        stub(heygen, key, 200, "users-me-wallet-usd.json");
        String ok = apiRefresh(id).then().statusCode(200).body("ok", equalTo(true))
                .body("latestSnapshot.billingType", equalTo("wallet")).body("lastRefresh.ok", equalTo(true))
                .body("lastRefresh.errorCode", nullValue()).extract().asString();
        assertTrue(ok.contains("\"remainingBalance\":68899.45"), ok);

        stub(heygen, key, 401, "error-401.json");
        apiRefresh(id).then().statusCode(502).body("ok", equalTo(false)).body("error.code", equalTo("unauthorized"))
                .body("lastRefresh.errorCode", equalTo("unauthorized")).body("latestSnapshot.source", equalTo("FETCHED"));
        stub(heygen, key, 500, "error-500.json");
        apiRefresh(id).then().statusCode(502).body("error.code", equalTo("upstream_error"));
        stub(heygen, key, 200, "malformed-truncated.json");
        apiRefresh(id).then().statusCode(502).body("error.code", equalTo("invalid_response"));
        breakers.resetAll(); // four upstream failures in six calls opened it; this step is about the 429
        stub(heygen, key, 429, "error-429.json");
        Response limited = apiRefresh(id);
        assertEquals(429, limited.statusCode());
        assertEquals("rate_limited", limited.jsonPath().getString("error.code"));
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After " + retryAfter);
        assertEquals(3, stored(id).consecutiveFailures, "401, 500 and the malformed body count; the 429 does not");

        long keyless = account(null);
        apiRefresh(keyless).then().statusCode(409).body("error.code", equalTo("no_api_key"));
        Api.admin().post("/api/accounts/987654/wallet/refresh").then().statusCode(404).body("error.code", equalTo("not_found"));
    }

    @Test
    void afterA429NobodyAsksAgainBeforeRetryAfter() {
        String key = newKey();
        long id = account(key);
        stub(heygen, key, 429, "error-429.json");
        Instant before = Instant.now();
        apiRefresh(id).then().statusCode(429);
        assertEquals(1, calls(heygen, key));
        Instant notBefore = stored(id).nextFetchNotBefore;
        assertTrue(!notBefore.isBefore(before.plusSeconds(29)) && !notBefore.isAfter(Instant.now().plusSeconds(31)),
                notBefore.toString());

        stub(heygen, key, 200, "users-me-wallet-usd.json");
        apiRefresh(id).then().statusCode(429).body("error.code", equalTo("rate_limited"));
        Browser viewer = Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD);
        assertEquals(303, pageRefresh(viewer, id).statusCode());
        String flash = viewer.page("/accounts/" + id).select(".flash").text();
        assertTrue(flash.startsWith("Rate limited by HeyGen; next try after"), flash);
        assertTrue(flash.contains("HeyGen was not asked again"), flash);
        assertEquals(1, calls(heygen, key), "no upstream call before Retry-After");
        assertEquals(0, snapshotCount(id));
    }

    @Test
    void retryAfterGivenAsAnHttpDateIsHonouredToo() {
        String key = newKey();
        long id = account(key);
        Instant until = Instant.now().plusSeconds(120);
        stub(heygen, key, aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(until.atZone(ZoneOffset.UTC)))
                .withBody(fixture("error-429.json")));
        apiRefresh(id).then().statusCode(429);
        Instant notBefore = stored(id).nextFetchNotBefore;
        assertTrue(Duration.between(notBefore, until).abs().getSeconds() <= 1, notBefore + " vs " + until);
        apiRefresh(id).then().statusCode(429);
        assertEquals(1, calls(heygen, key));
    }

    @Test
    void anUpstreamThatNeverAnswersStillGetsAPromptPageAnswer() {
        String key = newKey();
        long id = account(key);
        stub(heygen, key, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(fixture("users-me-wallet-usd.json")).withFixedDelay(9_000));
        Browser admin = Browser.admin();
        long started = System.nanoTime();
        Response response = pageRefresh(admin, id);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(303, response.statusCode());
        assertTrue(elapsedMs < 8_000, "answered after " + elapsedMs + " ms");
        String flash = admin.page("/accounts/" + id).select(".flash").text();
        assertTrue(flash.startsWith("HeyGen did not answer in time"), flash);
        assertEquals("timeout", stored(id).lastRefreshErrorCode);
        assertEquals(0, snapshotCount(id));
        assertEquals(1, calls(heygen, key));
    }

    @Test
    void theCircuitBreakerStopsAskingAFailingHeyGenUntilItCloses() {
        String key = newKey();
        long id = account(key);
        stub(heygen, key, 500, "error-500.json");
        apiRefresh(id).then().statusCode(502);
        apiRefresh(id).then().statusCode(502);
        assertEquals(6, calls(heygen, key));

        apiRefresh(id).then().statusCode(503).body("error.code", equalTo("circuit_open"));
        String otherKey = newKey();
        stub(heygen, otherKey, 200, "users-me-wallet-usd.json");
        long other = account(otherKey);
        Browser admin = Browser.admin();
        pageRefresh(admin, other);
        String flash = admin.page("/accounts/" + other).select(".flash").text();
        assertTrue(flash.contains("pauses asking it"), flash);
        assertEquals(6, calls(heygen, key));
        assertEquals(0, calls(heygen, otherKey));

        breakers.resetAll();
        apiRefresh(other).then().statusCode(200);
        assertEquals(1, calls(heygen, otherKey));
    }

    @Test
    void concurrentRefreshesOfOneAccountMakeOneUpstreamCall() throws Exception {
        String key = newKey();
        long id = account(key);
        stub(heygen, key, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(fixture("users-me-wallet-usd.json")).withFixedDelay(1_500));
        int callers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return apiRefresh(id).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get(20, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, calls(heygen, key));
        assertEquals(1, snapshotCount(id));
    }

    @Test
    void anAccountClaimedElsewhereIsNotFetchedTwice() {
        String key = newKey();
        long id = account(key);
        stub(heygen, key, 200, "users-me-wallet-usd.json");
        QuarkusTransaction.requiringNew().run(() -> Account.update("nextFetchNotBefore = ?1 where id = ?2",
                Instant.now().plusSeconds(60), id));
        apiRefresh(id).then().statusCode(409).body("error.code", equalTo("refresh_running"));
        assertEquals(0, calls(heygen, key));
    }

    @Test
    void theKeyTravelsOnlyInTheHeaderAndNeverReachesAPageAnExportTheApiALogOrTheDatabaseInClear() throws SQLException {
        String key = newKey();
        long id = account(key);
        Browser admin = Browser.admin();
        List<String> outputs = new ArrayList<>();
        List<String> logLines;
        try (CapturedLogs logs = CapturedLogs.start()) {
            stub(heygen, key, 200, "users-me-wallet-usd.json");
            outputs.add(apiRefresh(id).asString());
            stub(heygen, key, 401, "error-401.json");
            pageRefresh(admin, id);
            outputs.add(admin.get("/accounts/" + id).asString());
            stub(heygen, key, 500, "error-500.json");
            outputs.add(apiRefresh(id).asString());
            logLines = logs.lines();
        }
        outputs.add(admin.get("/accounts/" + id).asString());
        outputs.add(admin.get("/").asString());
        outputs.add(admin.get("/accounts/" + id + "/snapshots.csv").asString());
        outputs.add(Api.admin().get("/api/accounts/" + id).asString());
        outputs.add(Api.admin().get("/api/accounts").asString());
        for (String output : outputs) {
            assertFalse(output.contains(key), output);
        }

        assertTrue(logLines.stream().anyMatch(l -> l.contains(HeyGenWireMock.USERS_ME)),
                "the REST client logs its exchanges in tests, so this check means something");
        for (String line : logLines) {
            assertFalse(line.contains(key), line);
        }

        List<LoggedRequest> requests = heygen.findAll(anyRequestedFor(anyUrl()));
        for (LoggedRequest request : requests) {
            assertFalse(request.getAbsoluteUrl().contains(key), request.getAbsoluteUrl());
        }
        assertEquals(5, requests.stream().filter(r -> key.equals(r.getHeader("x-api-key"))).count());

        String ciphertext = stored(id).apiKeyCiphertext;
        assertNotNull(ciphertext);
        assertFalse(ciphertext.contains(key));
        String database = everyStoredValue();
        assertTrue(database.contains(ciphertext.substring(0, 16)), "the dump holds the account table");
        assertFalse(database.contains(key), "the key is stored only encrypted");
    }

    /** Every value in every table of the portal's schema, as text, on H2 and PostgreSQL alike. */
    private String everyStoredValue() throws SQLException {
        StringBuilder values = new StringBuilder();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet found = meta.getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (found.next()) {
                    tables.add(found.getString("TABLE_NAME"));
                }
            }
            assertTrue(tables.size() > 5, "the schema's tables: " + tables);
            String quote = meta.getIdentifierQuoteString();
            for (String table : tables) {
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT * FROM " + quote + table + quote)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            values.append(rows.getString(i)).append('\n');
                        }
                    }
                }
            }
        }
        return values.toString();
    }

    @Test
    void viewersMayRefreshButATokenlessFormPostChangesNothing() {
        String key = newKey();
        long id = account(key);
        stub(heygen, key, 200, "users-me-wallet-usd.json");
        Browser viewer = Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD);
        viewer.request().contentType("application/x-www-form-urlencoded").post("/accounts/" + id + "/wallet/refresh")
                .then().statusCode(400);
        assertEquals(0, calls(heygen, key));
        assertEquals(303, pageRefresh(viewer, id).statusCode());
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).post("/api/accounts/" + id + "/wallet/refresh").then().statusCode(200);
        assertEquals(2, calls(heygen, key));
        assertEquals(404, pageRefresh(viewer, 987654).statusCode());
    }

    @Test
    void withoutAKeyThePageSaysSo() {
        long id = account(null);
        Browser admin = Browser.admin();
        assertEquals(303, pageRefresh(admin, id).statusCode());
        Document page = admin.page("/accounts/" + id);
        assertTrue(page.select(".flash").text().contains("no API key"));
        assertTrue(page.select("section.wallet").text().contains("No API key is connected"));
        assertTrue(page.select("section.wallet form").isEmpty());
    }

    /** The account page caches its header and wallet panel: a page viewed before still shows each change at once. */
    @Test
    void aPageViewedBeforeShowsEachRefreshAndRenameAtOnce() {
        String key = newKey();
        stub(heygen, key, 200, "users-me-wallet-usd.json");
        long id = account(key);
        Browser admin = Browser.admin();
        String path = "/accounts/" + id;
        assertTrue(admin.page(path).select("section.wallet").text().contains("No wallet reading yet"));
        pageRefresh(admin, id);
        assertEquals("$68,899.45", admin.page(path).select("section.wallet .kpi").text());
        admin.page(path);

        stub(heygen, key, 500, "error-500.json");
        pageRefresh(admin, id);
        Document failed = admin.page(path);
        assertTrue(failed.select("section.wallet").text().contains("Last refresh failed"), failed.select("section.wallet").text());
        assertEquals("$68,899.45", failed.select("section.wallet .kpi").text(), "the last good reading stays");
        assertEquals(1, failed.select("section.wallet form input[name=csrf-token]").size(), "the refresh form keeps its token");

        String renamed = Api.uniqueName("Renamed");
        assertEquals(303, admin.post(path + "/edit", Map.of("name", renamed, "apiKey", "", "lowBalanceThresholdUsd", ""))
                .statusCode());
        Document page = admin.page(path);
        assertTrue(page.select("h1").text().startsWith(renamed), page.select("h1").text());
        assertTrue(page.title().startsWith(renamed), page.title());
    }
}
