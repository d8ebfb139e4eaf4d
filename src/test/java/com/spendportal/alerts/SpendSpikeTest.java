package com.spendportal.alerts;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.Users;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * Daily spend and spikes end to end (DESIGN §15): readings backfilled through the API become daily
 * figures, a runaway today fires SPEND_SPIKE within one check and once, a noisy but normal history
 * fires nothing, a spike of a day that is over resolves without a message; the API, the CSV and
 * the account page show the same figures.
 */
@QuarkusTest
class SpendSpikeTest {

    private static final int HISTORY_DAYS = 40;
    private static final JsonPathConfig DECIMALS = new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    @Inject
    AlertChecker checker;

    @BeforeEach
    void channel() {
        Users.ensureViewer();
        QuarkusTransaction.requiringNew().run(() -> {
            NotificationChannel.deleteAll();
            NotificationChannel channel = new NotificationChannel();
            channel.kind = NotificationChannel.Kind.EMAIL;
            channel.target = "spikes@example.com";
            channel.createdAt = Instant.now();
            channel.createdBy = "test";
            channel.persist();
        });
    }

    @AfterEach
    void noChannel() {
        QuarkusTransaction.requiringNew().run(() -> NotificationChannel.deleteAll());
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600L * hour);
    }

    /** A normal day's spend: $100 to $130, noisy. */
    static BigDecimal usual(LocalDate day) {
        return BigDecimal.valueOf(10_000 + Math.floorMod(day.toEpochDay() * 7919, 3001), 2);
    }

    /**
     * Hourly balances for the {@value #HISTORY_DAYS} days before today, each day spending {@link #usual}
     * (all of it in the pair that ends at its 23:00 reading), and one reading today at 00:00 that has
     * spent {@code today} since 23:00 yesterday. Returns the account id.
     */
    static long accountWithHistory(String today) {
        long id = Api.createAccount(Api.uniqueName("Spiky"), null);
        StringBuilder body = new StringBuilder("[");
        BigDecimal balance = new BigDecimal("500000.00");
        LocalDate first = today().minusDays(HISTORY_DAYS);
        for (LocalDate d = first; d.isBefore(today()); d = d.plusDays(1)) {
            for (int hour = 0; hour < 24; hour++) {
                if (hour == 23) {
                    balance = balance.subtract(usual(d));
                }
                body.append(body.length() > 1 ? "," : "").append("{\"fetchedAt\":\"").append(at(d, hour))
                        .append("\",\"remainingBalance\":\"").append(balance).append("\"}");
            }
        }
        balance = balance.subtract(new BigDecimal(today));
        body.append(",{\"fetchedAt\":\"").append(at(today(), 0)).append("\",\"remainingBalance\":\"").append(balance).append("\"}]");
        Api.admin().body(body.toString()).post("/api/accounts/" + id + "/wallet-snapshots").then().statusCode(200);
        return id;
    }

    static List<Alert> spikes(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Alert.<Alert>list("accountId = ?1 and type = ?2 order by id", id,
                Alert.Type.SPEND_SPIKE));
    }

    static long deliveries(Alert alert, String eventType) {
        return QuarkusTransaction.requiringNew().call(() -> AlertDelivery.count("alertId = ?1 and eventType = ?2", alert.id,
                eventType));
    }

    @Test
    void aRunawayDayFiresWithinOneCheckAndOnce() {
        long id = accountWithHistory("3000.00");
        checker.checkAll();
        List<Alert> fired = spikes(id);
        assertEquals(1, fired.size(), "one check of every account fires it");
        Alert spike = fired.get(0);
        assertEquals(Alert.State.FIRING, spike.state);
        assertEquals(today().toString(), spike.period);
        // the 28 days before today: their median, and 3000 - median above it
        List<BigDecimal> baseline = new ArrayList<>();
        for (int i = 1; i <= 28; i++) {
            baseline.add(usual(today().minusDays(i)));
        }
        baseline.sort(null);
        BigDecimal median = baseline.get(13).add(baseline.get(14)).divide(BigDecimal.valueOf(2));
        String medianText = "$" + String.format("%,.2f", median.setScale(2, java.math.RoundingMode.HALF_UP));
        assertTrue(spike.message.contains(today() + ": $3,000.00 spent so far against a median of " + medianText), spike.message);
        assertTrue(spike.message.contains("$" + String.format("%,.2f", new BigDecimal("3000.00").subtract(median)
                .setScale(2, java.math.RoundingMode.HALF_UP)) + " ("), spike.message);
        assertEquals(1, deliveries(spike, AlertDelivery.FIRED), "sent once to the one channel");

        assertEquals(0, checker.check(id), "the next check finds nothing to change");
        checker.checkAll();
        assertEquals(1, spikes(id).size());
        assertEquals(spike.firedAt, spikes(id).get(0).firedAt);
        assertEquals(1, deliveries(spike, AlertDelivery.FIRED));

        // the API says the same
        JsonPath days = Api.admin().get("/api/accounts/" + id + "/daily-spend").then().statusCode(200).extract().jsonPath().using(DECIMALS);
        assertEquals(90, days.getList("$").size(), "by default the 90 days up to today");
        assertEquals(today().toString(), days.getString("[89].day"));
        assertEquals("3000.00", days.getString("[89].spendUsd"));
        assertEquals(true, days.getBoolean("[89].spike"));
        assertEquals(median.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(), days.getString("[89].medianUsd"));
        assertEquals(usual(today().minusDays(1)).toPlainString(), days.getString("[88].spendUsd"));
        assertFalse(days.getBoolean("[88].spike"));
    }

    @Test
    void concurrentChecksFireItOnce() throws Exception {
        long id = accountWithHistory("2500.00");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Integer> check = () -> checker.check(id);
            int transitions = 0;
            for (Future<Integer> result : pool.invokeAll(List.of(check, check, check, check))) {
                transitions += result.get();
            }
            assertEquals(1, transitions, "one of the four checks made the transition");
            assertEquals(1, spikes(id).size());
            assertEquals(1, deliveries(spikes(id).get(0), AlertDelivery.FIRED));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aNoisyButNormalHistoryFiresNothing() {
        long id = accountWithHistory("140.00"); // above every day of the baseline, within the band
        checker.check(id);
        checker.checkAll();
        assertEquals(List.of(), spikes(id));
        JsonPath days = Api.admin().get("/api/accounts/" + id + "/daily-spend").then().statusCode(200).extract().jsonPath().using(DECIMALS);
        for (int i = 0; i < 90; i++) {
            assertFalse(days.getBoolean("[" + i + "].spike"), "day " + days.getString("[" + i + "].day"));
        }
    }

    @Test
    void aSpikeWhoseDayIsOverResolvesWithoutAMessage() {
        long id = accountWithHistory("140.00");
        Alert yesterday = QuarkusTransaction.requiringNew().call(() -> {
            Alert alert = new Alert();
            alert.accountId = id;
            alert.type = Alert.Type.SPEND_SPIKE;
            alert.period = today().minusDays(1).toString();
            alert.state = Alert.State.FIRING;
            alert.message = "Spend spike on " + alert.period;
            alert.firedAt = Instant.now().minusSeconds(3600);
            alert.persist();
            return alert;
        });
        assertEquals(1, checker.check(id));
        Alert resolved = spikes(id).get(0);
        assertEquals(yesterday.id, resolved.id);
        assertEquals(Alert.State.RESOLVED, resolved.state);
        assertNotNull(resolved.resolvedAt);
        assertEquals(0, deliveries(resolved, AlertDelivery.RESOLVED), "the end of a day is not news");
    }

    @Test
    void theApiAndTheCsvCoverTheAskedDaysWithUnknownDaysAsNull() {
        long id = accountWithHistory("3000.00");
        LocalDate from = today().minusDays(HISTORY_DAYS + 2);
        LocalDate to = today().minusDays(HISTORY_DAYS - 20);
        JsonPath days = Api.as(Users.VIEWER, Users.VIEWER_PASSWORD)
                .get("/api/accounts/" + id + "/daily-spend?from=" + from + "&to=" + to).then().statusCode(200)
                .body("[0].spendUsd", nullValue()).body("[0].medianUsd", nullValue()).body("[0].spike", equalTo(false))
                .extract().jsonPath().using(DECIMALS);
        assertEquals(23, days.getList("$").size());
        // the first day of the history pairs only from its second reading on: known, all its spend at 23:00
        assertEquals(usual(today().minusDays(HISTORY_DAYS)).toPlainString(), days.getString("[2].spendUsd"));
        assertNull(days.getString("[2].medianUsd"), "fewer than 14 known days before it");
        assertNotNull(days.getString("[16].medianUsd"), "14 known days before it");
        assertNull(days.getString("[15].medianUsd"), "13 known days before it");

        String csv = Browser.admin().get("/accounts/" + id + "/daily-spend.csv?from=" + from + "&to=" + to).then()
                .statusCode(200).header("Content-Disposition", org.hamcrest.Matchers.containsString("daily-spend-" + id))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("day,spend_usd,median_usd,threshold_usd,spike", lines[0]);
        assertEquals(24, lines.length);
        assertEquals(from + ",,,,false", lines[1]);
        assertEquals(today().minusDays(HISTORY_DAYS) + "," + usual(today().minusDays(HISTORY_DAYS)).toPlainString() + ",,,false",
                lines[3]);
        assertEquals(days.getString("[16].day") + "," + days.getString("[16].spendUsd") + "," + days.getString("[16].medianUsd")
                + "," + days.getString("[16].thresholdUsd") + ",false", lines[17]);
    }

    @Test
    void badRangesAre400NamingTheField() {
        long id = Api.createAccount(Api.uniqueName("Range"), null);
        String path = "/api/accounts/" + id + "/daily-spend";
        Api.admin().get(path + "?from=2026-13-01").then().statusCode(400).body("error.field", equalTo("from"));
        Api.admin().get(path + "?to=yesterday").then().statusCode(400).body("error.field", equalTo("to"));
        Api.admin().get(path + "?from=2026-03-02&to=2026-03-01").then().statusCode(400).body("error.field", equalTo("from"));
        Api.admin().get(path + "?from=2025-01-01&to=2026-01-02").then().statusCode(400).body("error.field", equalTo("from"));
        Api.admin().get(path + "?from=2025-01-02&to=2026-01-02").then().statusCode(200);
        Api.admin().get("/api/accounts/999999999/daily-spend").then().statusCode(404);
        Browser.admin().get("/accounts/" + id + "/daily-spend.csv?from=nope").then().statusCode(400);
    }

    @Test
    void theAccountPageChartsTheDaysAndListsTheSpike() {
        long id = accountWithHistory("3000.00");
        Document page = Browser.admin().page("/accounts/" + id);
        assertEquals(1, page.select("section.daily-spend svg").size());
        assertEquals(1, page.select("section.daily-spend rect.bar-spike").size());
        assertEquals(1, page.select("section.daily-spend circle.spike-mark").size());
        assertEquals(HISTORY_DAYS, page.select("section.daily-spend rect.bar-spend").size());
        assertEquals(90 - HISTORY_DAYS - 1, page.select("section.daily-spend rect.bar-unknown").size());
        String row = page.select("table.spikes tbody tr").text();
        assertTrue(row.contains("$3,000.00") && row.contains("(so far)"), row);
        Map<String, String> scroll = Map.of("tabindex", page.select("section.daily-spend .chart-scroll").attr("tabindex"));
        assertEquals("0", scroll.get("tabindex"), "the scrolling chart can be reached by keyboard");
    }
}
