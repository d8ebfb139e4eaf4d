package com.spendportal.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RENEWAL_DUE (DESIGN §14, §11): fires once within the notice with the plan's advice, resolved by a later end date. */
@QuarkusTest
class RenewalAlertTest {

    @Inject
    AlertChecker checker;

    @BeforeEach
    void channel() {
        QuarkusTransaction.requiringNew().run(() -> NotificationChannel.deleteAll());
        Api.admin().body("{\"kind\":\"EMAIL\",\"address\":\"renewals@example.com\"}").post("/api/notification-channels")
                .then().statusCode(201);
        checker.enable(false); // the test decides when checks run
    }

    @AfterEach
    void noChannel() {
        QuarkusTransaction.requiringNew().run(() -> NotificationChannel.deleteAll());
    }

    private static String contract(LocalDate start, int termMonths) {
        // A custom $3,000 contract with 400,000 s included and overage at $0.01/s.
        return "{\"model\":\"USAGE_BASED\",\"startDate\":\"" + start + "\",\"termMonths\":" + termMonths + ",\"mmcUsd\":\"3000\","
                + "\"contractRatePerSecond\":\"0.0075\",\"includedSecondsPerMonth\":400000,\"overageRatePerSecond\":\"0.01\"}";
    }

    @Test
    void firesOnceWithTheRecommendationAndResolvesWhenALaterContractIsSaved() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate start = today.plusDays(31).minusMonths(12); // ends today + 30 days
        long id = Api.createAccount(Api.uniqueName("Renewal"), null);
        Api.admin().body(contract(start, 12)).put("/api/accounts/" + id + "/contract").then().statusCode(200);
        StringBuilder usage = new StringBuilder("[");
        for (int i = 1; i <= 6; i++) {
            usage.append(i > 1 ? "," : "").append("{\"month\":\"").append(YearMonth.from(today).minusMonths(i))
                    .append("\",\"seconds\":500000}");
        }
        Api.admin().body(usage.append("]").toString()).post("/api/accounts/" + id + "/usage").then().statusCode(200);

        assertTrue(checker.check(id) >= 1);
        Alert alert = AlertStateTest.alert(id, Alert.Type.RENEWAL_DUE);
        assertEquals(Alert.State.FIRING, alert.state);
        LocalDate end = start.plusMonths(12).minusDays(1);
        assertEquals(YearMonth.from(end).toString(), alert.period);
        // 3,000 + 100,000 s * 0.01 = 4,000 a month, 48,000 a year; $40,000 + 5,000 of top-ups = 45,000: 3,000 less.
        assertTrue(alert.message.contains("in " + java.time.temporal.ChronoUnit.DAYS.between(today, end) + " days"), alert.message);
        assertTrue(alert.message.contains("Plan: $40,000 package at $45,000.00 a year expected, $3,000.00 less"),
                alert.message);
        long fired = deliveries(alert.id, AlertDelivery.FIRED);
        assertEquals(1, fired, "one delivery to the one channel");

        assertEquals(0, checker.check(id), "nothing changes on the next check");
        checker.checkAll();
        assertEquals(1, deliveries(alert.id, AlertDelivery.FIRED));

        // A renewal: the same start with a 24-month term ends a year later, outside the notice.
        Api.admin().body(contract(start, 24)).put("/api/accounts/" + id + "/contract").then().statusCode(200);
        checker.check(id);
        assertEquals(Alert.State.RESOLVED, AlertStateTest.alert(id, Alert.Type.RENEWAL_DUE).state);
        assertEquals(1, deliveries(alert.id, AlertDelivery.RESOLVED));
    }

    @Test
    void notBeforeTheNoticeNorAfterTheTermEnds() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long far = Api.createAccount(Api.uniqueName("Renewal far"), null);
        Api.admin().body(contract(today.minusMonths(1), 12)).put("/api/accounts/" + far + "/contract").then().statusCode(200);
        checker.check(far);
        assertNull(AlertStateTest.alert(far, Alert.Type.RENEWAL_DUE));
        long ended = Api.createAccount(Api.uniqueName("Renewal ended"), null);
        Api.admin().body(contract(today.minusMonths(13), 12)).put("/api/accounts/" + ended + "/contract").then().statusCode(200);
        checker.check(ended);
        assertNull(AlertStateTest.alert(ended, Alert.Type.RENEWAL_DUE));
    }

    private static long deliveries(long alertId, String type) {
        return QuarkusTransaction.requiringNew().call(() -> AlertDelivery.count("alertId = ?1 and eventType = ?2", alertId, type));
    }
}
