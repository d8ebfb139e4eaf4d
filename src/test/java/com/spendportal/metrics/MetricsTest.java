package com.spendportal.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.spendportal.accounts.Account;
import com.spendportal.alerts.Deliveries;
import com.spendportal.support.Api;
import com.spendportal.support.HeyGenWireMock;
import com.spendportal.support.Users;
import com.spendportal.users.User;
import com.spendportal.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /q/metrics} (DESIGN §12): who may read it, and that the portal's meters move with what happens. */
@QuarkusTest
class MetricsTest {

    private static final String PASSWORD = "metrics-test-password";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    @HeyGenWireMock.Server
    WireMockServer heygen;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    Deliveries deliveries;

    @BeforeEach
    void closeBreaker() {
        breakers.resetAll();
    }

    private static String scrape() {
        return Api.admin().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the sample {@code name} whose labels include {@code labels}; fails when there is none. */
    static double value(String body, String name, Map<String, String> labels) {
        for (String line : body.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> found = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    found.put(label.group(1), label.group(2));
                }
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                return Double.parseDouble(sample.group(3));
            }
        }
        throw new AssertionError("no sample " + name + labels + " in:\n" + body);
    }

    static double value(String name, Map<String, String> labels) {
        return value(scrape(), name, labels);
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static String token(String username, String scope) {
        return Api.as(username, PASSWORD).body("{\"name\":\"prometheus\",\"scope\":\"" + scope + "\"}").post("/api/tokens")
                .then().statusCode(201).extract().jsonPath().getString("token");
    }

    private static String newUser(String role) {
        String name = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> User.create(name, PASSWORD, role));
        return name;
    }

    @Test
    void anonymousGets401AndNoFigures() {
        String body = given().redirects().follow(false).get("/q/metrics").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic")).extract().asString();
        assertFalse(body.contains("portal_"), body);
        given().auth().preemptive().basic("admin", "wrong-password-here").get("/q/metrics").then().statusCode(401);
        bearer("sp_not-a-real-token").get("/q/metrics").then().statusCode(401);
    }

    @Test
    void basicAsAdminOrViewerReadsPrometheusText() {
        Users.ensureViewer();
        // the Accept header of Prometheus 2 and 3
        Api.admin().accept("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1").get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain")).body(containsString("# TYPE portal_wallet_refreshes_total counter"));
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).get("/q/metrics").then().statusCode(200)
                .body(containsString("portal_accounts{"));
    }

    @Test
    void aReadTokenScrapesButOpensNoPage() {
        String token = token(newUser(Roles.VIEWER), "read");
        bearer(token).get("/q/metrics").then().statusCode(200).body(containsString("portal_wallet_refreshes_total{"));
        bearer(token).post("/q/metrics").then().statusCode(403);
        given().redirects().follow(false).header("Authorization", "Bearer " + token).get("/")
                .then().statusCode(302).header("Location", containsString("/login"));
    }

    @Test
    void refreshesAreCountedByOutcome() {
        String good = "sk_fake_metrics_" + UUID.randomUUID().toString().replace("-", "");
        HeyGenWireMock.stub(heygen, good, 200, "users-me-wallet-usd.json");
        long ok = Api.createAccount(Api.uniqueName("Metrics ok"), good);
        String rejected = "sk_fake_metrics_" + UUID.randomUUID().toString().replace("-", "");
        HeyGenWireMock.stub(heygen, rejected, 401, "error-401.json");
        long refused = Api.createAccount(Api.uniqueName("Metrics rejected"), rejected);
        long keyless = Api.createAccount(Api.uniqueName("Metrics no key"), null);
        Map<String, String> okTag = Map.of("outcome", "ok");
        Map<String, String> rejectedTag = Map.of("outcome", "rejected_key");
        Map<String, String> noKeyTag = Map.of("outcome", "no_key");

        String before = scrape();
        Api.admin().post("/api/accounts/" + ok + "/wallet/refresh").then().statusCode(200);
        String afterOk = scrape();
        assertEquals(1, value(afterOk, "portal_wallet_refreshes_total", okTag) - value(before, "portal_wallet_refreshes_total", okTag));
        assertEquals(1, value(afterOk, "portal_wallet_refresh_seconds_count", okTag)
                - value(before, "portal_wallet_refresh_seconds_count", okTag));
        assertTrue(value(afterOk, "portal_wallet_refresh_seconds_sum", okTag) > value(before, "portal_wallet_refresh_seconds_sum", okTag));
        assertEquals(value(before, "portal_wallet_refreshes_total", rejectedTag), value(afterOk, "portal_wallet_refreshes_total", rejectedTag));

        Api.admin().post("/api/accounts/" + refused + "/wallet/refresh").then().statusCode(502);
        Api.admin().post("/api/accounts/" + keyless + "/wallet/refresh").then().statusCode(409);
        String after = scrape();
        assertEquals(1, value(after, "portal_wallet_refreshes_total", rejectedTag)
                - value(afterOk, "portal_wallet_refreshes_total", rejectedTag));
        assertEquals(1, value(after, "portal_wallet_refreshes_total", noKeyTag) - value(afterOk, "portal_wallet_refreshes_total", noKeyTag));
        assertEquals(value(afterOk, "portal_wallet_refreshes_total", okTag), value(after, "portal_wallet_refreshes_total", okTag));
        assertFalse(after.contains(good) || after.contains(rejected), "no key in the metrics");
        assertFalse(after.contains("Metrics ok"), "no account name in the metrics");
    }

    @Test
    void accountsAreCountedPerAttentionLevelAsOnTheDashboard() {
        Map<String, String> noContract = Map.of("attention", "no_contract");
        Map<String, String> onTrack = Map.of("attention", "on_track");
        String before = scrape();
        long id = Api.createAccount(Api.uniqueName("Metrics attention"), null);
        String created = scrape();
        assertEquals(1, value(created, "portal_accounts", noContract) - value(before, "portal_accounts", noContract));
        assertEquals(value(before, "portal_accounts", onTrack), value(created, "portal_accounts", onTrack));
        double all = 0;
        for (String level : new String[] {"act", "watch", "on_track", "no_contract"}) {
            all += value(created, "portal_accounts", Map.of("attention", level));
        }
        assertEquals(Api.admin().get("/api/accounts").then().statusCode(200).extract().jsonPath().getList("$").size(), all);

        String start = LocalDate.now().withDayOfMonth(1).minusMonths(1).toString();
        Api.admin().body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"" + start + "\",\"termMonths\":12,\"packageUsd\":\"120000.00\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(200);
        String withContract = scrape();
        assertEquals(-1, value(withContract, "portal_accounts", noContract) - value(created, "portal_accounts", noContract));
        assertEquals(1, value(withContract, "portal_accounts", onTrack) - value(created, "portal_accounts", onTrack));
    }

    @Test
    void pollLagIsHowLongTheMostOverdueAccountHasWaited() {
        String key = "sk_fake_metrics_" + UUID.randomUUID().toString().replace("-", "");
        long id = Api.createAccount(Api.uniqueName("Metrics lag"), key);
        Duration behind = Duration.ofDays(3650); // far beyond any account another test leaves behind
        QuarkusTransaction.requiringNew().run(() -> Account.<Account>findById(id).lastRefreshAt = Instant.now()
                .minus(behind).minus(Duration.ofMinutes(15)));
        try {
            double lag = value("portal_wallet_poll_lag_seconds", Map.of());
            assertTrue(lag >= behind.toSeconds() && lag < behind.toSeconds() + 600, "lag " + lag);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> Account.deleteById(id));
        }
    }

    @Test
    void alertDeliveriesAreCountedByKindAndOutcome() throws Exception {
        String path = "/metrics-hook-" + UUID.randomUUID();
        heygen.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(500)));
        long channel = Api.admin().body("{\"kind\":\"WEBHOOK\",\"url\":\"" + heygen.baseUrl() + path + "\"}")
                .post("/api/notification-channels").then().statusCode(201).extract().jsonPath().getLong("id");
        try {
            Map<String, String> sent = Map.of("kind", "webhook", "outcome", "sent");
            Map<String, String> retry = Map.of("kind", "webhook", "outcome", "retry");
            String before = scrape();
            Api.admin().post("/api/notification-channels/" + channel + "/test").then().statusCode(202);
            String queued = scrape();
            assertEquals(1, value(queued, "portal_alert_deliveries_pending", Map.of())
                    - value(before, "portal_alert_deliveries_pending", Map.of()));

            deliveries.deliverDue().get(30, TimeUnit.SECONDS);
            String failedOnce = scrape();
            assertEquals(1, value(failedOnce, "portal_alert_deliveries_total", retry) - value(before, "portal_alert_deliveries_total", retry));
            assertEquals(value(before, "portal_alert_deliveries_total", sent), value(failedOnce, "portal_alert_deliveries_total", sent));

            heygen.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
            Thread.sleep(1_100); // the retry is due after portal.alerts.webhook-retry-initial (1 s in tests)
            deliveries.deliverDue().get(30, TimeUnit.SECONDS);
            String delivered = scrape();
            assertEquals(1, value(delivered, "portal_alert_deliveries_total", sent) - value(before, "portal_alert_deliveries_total", sent));
            assertEquals(value(before, "portal_alert_deliveries_pending", Map.of()), value(delivered, "portal_alert_deliveries_pending", Map.of()));
            assertFalse(delivered.contains(path), "no channel URL in the metrics");
        } finally {
            Api.admin().delete("/api/notification-channels/" + channel).then().statusCode(204);
        }
    }

    @Test
    void httpServerRequestsAreMeasuredPerRouteTemplate() throws InterruptedException {
        Map<String, String> accounts = Map.of("method", "GET", "uri", "/api/accounts/{id}", "status", "200");
        long id = Api.createAccount(Api.uniqueName("Metrics http"), null);
        Api.admin().get("/api/accounts/" + id).then().statusCode(200);
        given().get("/api/accounts/" + id).then().statusCode(401);
        String body = scrape();
        double before = value(body, "http_server_requests_seconds_count", accounts);
        Api.admin().get("/api/accounts/" + id).then().statusCode(200);
        Api.admin().get("/api/accounts/" + id).then().statusCode(200);
        double after = before;
        // The server records a request as its response ends, which may be just after the client has it.
        for (int i = 0; i < 20 && after < before + 2; i++) {
            after = value("http_server_requests_seconds_count", accounts);
            if (after < before + 2) {
                Thread.sleep(50);
            }
        }
        assertEquals(2, after - before);
        assertFalse(body.contains("uri=\"/api/accounts/" + id + "\""), "templated, not one series per account");
    }
}
