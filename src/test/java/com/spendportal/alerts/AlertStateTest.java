package com.spendportal.alerts;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.Users;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alert state (DESIGN §11): an alert fires when its condition becomes true and resolves when it
 * becomes false, once, whichever check sees it first; the channels API and the alerts page.
 */
@QuarkusTest
class AlertStateTest {

    @Inject
    AlertChecker checker;

    @BeforeEach
    void viewer() {
        Users.ensureViewer();
        // Transitions queue deliveries to every channel: none of other tests' channels
        QuarkusTransaction.requiringNew().run(() -> NotificationChannel.deleteAll());
        checker.enable(true);
    }

    @AfterEach
    void checksOff() {
        checker.enable(false);
        // No channel outlives its test: a later test's worker would send to it
        QuarkusTransaction.requiringNew().run(() -> NotificationChannel.deleteAll());
    }

    /** A usage-based account with 600,000 s a month included, its term started three months ago. */
    public static long usageBasedAccount() {
        long id = Api.createAccount(Api.uniqueName("Alerted <b>Tom & Jerry</b>"), null);
        String start = YearMonth.now().minusMonths(3).atDay(1).toString();
        Api.admin().body("{\"model\":\"USAGE_BASED\",\"startDate\":\"" + start + "\",\"termMonths\":12,\"mmcUsd\":\"5000\","
                + "\"contractRatePerSecond\":\"0.0075\",\"includedSecondsPerMonth\":\"600000\",\"overageRatePerSecond\":\"0.00833\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(200);
        return id;
    }

    public static void useThisMonth(long id, String seconds) {
        Api.admin().body("[{\"month\":\"" + YearMonth.now() + "\",\"seconds\":\"" + seconds + "\"}]")
                .post("/api/accounts/" + id + "/usage").then().statusCode(200);
    }

    static List<Alert> alerts(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Alert.<Alert>list("accountId = ?1 order by id", id));
    }

    static Alert alert(long id, Alert.Type type) {
        return alerts(id).stream().filter(a -> a.type == type).findFirst().orElse(null);
    }

    /** Waits for the check that runs after a change commits. */
    static Alert awaitState(long id, Alert.Type type, Alert.State state) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Alert alert = alert(id, type);
            if (alert != null && alert.state == state) {
                return alert;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(type + " never became " + state + ": " + alerts(id).stream().map(a -> a.type + " " + a.state).toList());
    }

    @Test
    void crossingEightyPercentFiresOnceAndDroppingTheUsageResolvesIt() throws Exception {
        long id = usageBasedAccount();
        useThisMonth(id, "500000"); // 83.3% of the pool
        Alert fired = awaitState(id, Alert.Type.POOL_80, Alert.State.FIRING);
        assertEquals(YearMonth.now().toString(), fired.period);
        assertTrue(fired.message.contains("500,000 s used of 600,000 s included (83.3%)"), fired.message);
        assertEquals(null, alert(id, Alert.Type.POOL_100));

        // The next checks, here or on another instance, find nothing to change.
        checker.checkAll();
        assertEquals(0, checker.check(id));
        assertEquals(1, alerts(id).stream().filter(a -> a.type == Alert.Type.POOL_80).count());
        assertEquals(fired.firedAt, alert(id, Alert.Type.POOL_80).firedAt);

        useThisMonth(id, "100000");
        Alert resolved = awaitState(id, Alert.Type.POOL_80, Alert.State.RESOLVED);
        assertEquals(fired.id, resolved.id);
        assertTrue(resolved.resolvedAt != null && !resolved.resolvedAt.isBefore(fired.firedAt));

        useThisMonth(id, "650000"); // fires again, and the 100% alert with it
        awaitState(id, Alert.Type.POOL_80, Alert.State.FIRING);
        awaitState(id, Alert.Type.POOL_100, Alert.State.FIRING);
    }

    @Test
    void lowBalanceAnExhaustedPackageAndARejectedKeyFire() {
        long id = Api.createAccount(Api.uniqueName("Package alerts"), "sk-alert-state-key-1234");
        String start = YearMonth.now().minusMonths(3).atDay(1).toString();
        Api.admin().body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"" + start + "\",\"termMonths\":12,"
                + "\"packageUsd\":\"1000.00\",\"contractRatePerSecond\":\"0.0075\"}").put("/api/accounts/" + id + "/contract")
                .then().statusCode(200);
        Api.admin().body("[{\"month\":\"" + YearMonth.now().minusMonths(1) + "\",\"usd\":\"1200.00\"}]")
                .post("/api/accounts/" + id + "/usage").then().statusCode(200);
        Api.admin().body("[{\"fetchedAt\":\"" + java.time.Instant.now().minusSeconds(600) + "\",\"remainingBalance\":\"150.00\"}]")
                .post("/api/accounts/" + id + "/wallet-snapshots").then().statusCode(200);
        assertEquals(303, Browser.admin().post("/accounts/" + id + "/edit", Map.of("name", Api.uniqueName("Package alerts"),
                "apiKey", "", "lowBalanceThresholdUsd", "500")).statusCode());
        checker.check(id);
        Alert low = alert(id, Alert.Type.LOW_BALANCE);
        assertEquals(Alert.State.FIRING, low.state);
        assertEquals("", low.period, "not a monthly alert");
        assertTrue(low.message.contains("$150.00") && low.message.contains("$500.00"), low.message);
        assertEquals(Alert.State.FIRING, alert(id, Alert.Type.PACKAGE_EXHAUSTION).state);
        assertEquals(null, alert(id, Alert.Type.REFRESH_FAILING), "never tried, so not known to fail");

        QuarkusTransaction.requiringNew().run(() -> com.spendportal.accounts.Account.update("lastRefreshAt = ?1,"
                + " lastRefreshErrorCode = 'unauthorized', lastRefreshError = 'HeyGen rejected the API key (401).' where id = ?2",
                java.time.Instant.now(), id));
        checker.check(id);
        Alert failing = alert(id, Alert.Type.REFRESH_FAILING);
        assertEquals(Alert.State.FIRING, failing.state);
        assertTrue(failing.message.contains("401") && !failing.message.contains("sk-alert-state-key"), failing.message);
    }

    @Test
    void concurrentChecksMakeOneTransition() throws Exception {
        long id = usageBasedAccount();
        // Stored without the after-commit check, as if another instance changed it.
        QuarkusTransaction.requiringNew().run(() -> com.spendportal.usage.UsageEntry.replace(id,
                List.of(com.spendportal.statements.UsageRecord.ofSeconds(YearMonth.now(), "", new java.math.BigDecimal("490000")))));
        Thread.sleep(300); // let the after-commit check of the replace run first, if any
        QuarkusTransaction.requiringNew().run(() -> Alert.delete("accountId", id));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Integer> check = () -> checker.check(id);
            List<Future<Integer>> results = pool.invokeAll(List.of(check, check, check, check));
            int transitions = 0;
            for (Future<Integer> result : results) {
                transitions += result.get();
            }
            long pool80 = alerts(id).stream().filter(a -> a.type == Alert.Type.POOL_80).count();
            assertEquals(1, pool80);
            assertEquals(alerts(id).size(), transitions, "each firing alert was one transition, made by one of the four");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void channelsThroughTheApi() {
        Api.admin().body("{\"kind\":\"EMAIL\",\"address\":\"not an address\"}").post("/api/notification-channels")
                .then().statusCode(400).body("error.field", equalTo("address"));
        Api.admin().body("{\"kind\":\"WEBHOOK\",\"url\":\"ftp://example.com/x\"}").post("/api/notification-channels")
                .then().statusCode(400).body("error.field", equalTo("url"));
        Api.admin().body("{\"kind\":\"PIGEON\"}").post("/api/notification-channels").then().statusCode(400)
                .body("error.field", equalTo("kind"));
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).body("{\"kind\":\"EMAIL\",\"address\":\"a@example.com\"}")
                .post("/api/notification-channels").then().statusCode(403);

        int email = Api.admin().body("{\"kind\":\"EMAIL\",\"address\":\"finance@example.com\"}").post("/api/notification-channels")
                .then().statusCode(201).body("kind", equalTo("EMAIL")).body("address", equalTo("finance@example.com"))
                .body("$", not(hasKey("secret"))).extract().path("id");
        int hook = Api.admin().body("{\"kind\":\"WEBHOOK\",\"url\":\"https://hooks.example.com/spend\"}")
                .post("/api/notification-channels").then().statusCode(201).body("url", equalTo("https://hooks.example.com/spend"))
                .body("secret", startsWith("whsec_")).extract().path("id");
        String listed = Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).get("/api/notification-channels").then().statusCode(200)
                .extract().asString();
        assertTrue(listed.contains("finance@example.com") && listed.contains("hooks.example.com"));
        assertTrue(!listed.contains("whsec_"), "the secret is shown only when the channel is created");

        Api.admin().post("/api/notification-channels/" + hook + "/test").then().statusCode(202).body("eventId", notNullValue())
                .body("eventType", equalTo("test"));
        Api.admin().delete("/api/notification-channels/" + email).then().statusCode(204);
        Api.admin().delete("/api/notification-channels/" + hook).then().statusCode(204);
        Api.admin().delete("/api/notification-channels/" + hook).then().statusCode(404).body("error.code", equalTo("not_found"));
    }

    @Test
    void theAlertsApiAndPageShowWhatFires() throws Exception {
        long id = usageBasedAccount();
        useThisMonth(id, "700000");
        awaitState(id, Alert.Type.POOL_100, Alert.State.FIRING);
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).queryParam("accountId", id).queryParam("state", "FIRING").get("/api/alerts")
                .then().statusCode(200).body("type", org.hamcrest.Matchers.hasItems("POOL_80", "POOL_100"))
                .body("[0].accountId", equalTo((int) id)).body("[0].accountName", containsString("Tom & Jerry"))
                .body("[0].state", equalTo("FIRING"));
        Api.admin().queryParam("state", "SOMETIMES").get("/api/alerts").then().statusCode(400);

        Document viewer = Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD).page("/alerts?account=" + id);
        String firing = viewer.select("table.alerts-firing").text();
        assertTrue(firing.contains("POOL_100") && firing.contains("700,000 s used"), firing);
        assertTrue(viewer.select("h1").html().contains("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;"), "names are escaped: " + viewer.select("h1").html());
        assertTrue(viewer.select("form[action=/alerts/channels]").isEmpty(), "viewers read, admins manage");

        Browser admin = Browser.admin();
        Document added = Jsoup(admin.post("/alerts/channels", Map.of("kind", "WEBHOOK", "url", "https://hooks.example.com/page")));
        String secret = added.select("p.secret").text();
        assertTrue(secret.startsWith("whsec_"), added.select("main").text());
        assertTrue(!admin.page("/alerts").html().contains(secret), "shown once");
        Document invalid = Jsoup(admin.post("/alerts/channels", Map.of("kind", "EMAIL", "address", "nope")));
        assertTrue(invalid.select("#e-address").text().contains("Enter one e-mail address"), invalid.select("form").text());
        long pageHook = QuarkusTransaction.requiringNew().call(() -> NotificationChannel.<NotificationChannel>find("target",
                "https://hooks.example.com/page").singleResult().id);
        assertEquals(303, admin.post("/alerts/channels/" + pageHook + "/test", Map.of()).statusCode());
        assertEquals(303, admin.post("/alerts/channels/" + pageHook + "/delete", Map.of()).statusCode());
        assertEquals(404, admin.post("/alerts/channels/" + pageHook + "/delete", Map.of()).statusCode(), "already removed");
        assertEquals(404, admin.post("/alerts/channels/" + pageHook + "/test", Map.of()).statusCode());

        Document dashboard = admin.page("/");
        assertTrue(!dashboard.select("a[href=/alerts?account=" + id + "]").isEmpty(), "the dashboard links the account's alerts");
    }

    private static Document Jsoup(io.restassured.response.Response response) {
        return org.jsoup.Jsoup.parse(response.asString());
    }
}
