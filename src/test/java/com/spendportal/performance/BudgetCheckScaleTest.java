package com.spendportal.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.alerts.AlertChecker;
import com.spendportal.support.Api;
import com.spendportal.web.DataVersion;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A budget alert check of 200 cost centres adds under a second to the alert check (DESIGN §19): it reads the month's
 * showback (kept per data version) and the firing budget alerts, and locks only the centres whose alerts change.
 * 20 package accounts with this month's drawdown, each shared across 10 folders by job seconds, each folder a centre
 * with a budget of $1.00: every centre fires all three budget alerts once, then the checks find nothing to do.
 */
@QuarkusTest
class BudgetCheckScaleTest {

    private static final int ACCOUNTS = 20;
    private static final int FOLDERS = 10;

    @Inject
    AlertChecker checker;

    private final List<Long> centres = new ArrayList<>();

    @AfterEach
    void removeCentres() {
        for (long id : centres) {
            Api.admin().delete("/api/cost-centres/" + id).then().statusCode(204);
        }
    }

    @Test
    void aCheckOfTwoHundredCentresTakesUnderASecond() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int a = 0; a < ACCOUNTS; a++) {
            long account = Api.createAccount(Api.uniqueName("Budget scale"), null);
            Api.admin().body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"" + now.minusMonths(1).atDay(1) + "\",\"termMonths\":12,"
                    + "\"packageUsd\":\"50000.00\"}").put("/api/accounts/" + account + "/contract").then().statusCode(200);
            Api.admin().body("[{\"month\":\"" + now + "\",\"usd\":\"500.00\"}]").post("/api/accounts/" + account + "/usage")
                    .then().statusCode(200);
            QuarkusTransaction.requiringNew().run(() -> {
                for (int f = 0; f < FOLDERS; f++) {
                    Panache.getEntityManager().createNativeQuery("INSERT INTO job_day (account_id, job_day, folder_id, kind, jobs,"
                            + " seconds) VALUES (?1, ?2, ?3, 'video', 1, ?4)").setParameter(1, account).setParameter(2, today)
                            .setParameter(3, "scale-" + f).setParameter(4, BigDecimal.valueOf(10 + f)).executeUpdate();
                }
                DataVersion.bump();
            });
            for (int f = 0; f < FOLDERS; f++) {
                centres.add(Api.admin().body("{\"name\":\"" + Api.uniqueName("Scale") + "\",\"monthlyBudgetUsd\":\"1.00\","
                        + "\"members\":[{\"accountId\":" + account + ",\"folderId\":\"scale-" + f + "\"}]}")
                        .post("/api/cost-centres").then().statusCode(201).extract().jsonPath().getLong("id"));
            }
        }
        checker.checkAll(); // the other accounts' alerts of the shared database settle, and the 600 budget alerts fire
        long fired = QuarkusTransaction.requiringNew().call(() -> com.spendportal.alerts.Alert.count(
                "costCentreId in ?1 and state = ?2", centres, com.spendportal.alerts.Alert.State.FIRING));
        assertEquals(3L * centres.size(), fired);

        QuarkusTransaction.requiringNew().run(DataVersion::bump); // the showback is computed afresh, as after any change
        long started = System.nanoTime();
        int transitions = checker.checkAll();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("alert check with %d cost centres (showback computed afresh): %d ms, %d transitions%n",
                centres.size(), millis, transitions);
        assertEquals(3L * centres.size(), QuarkusTransaction.requiringNew().call(() -> com.spendportal.alerts.Alert.count(
                "costCentreId in ?1 and state = ?2", centres, com.spendportal.alerts.Alert.State.FIRING)), "still firing, once");
        assertTrue(millis < 1_000, "the whole check took " + millis + " ms");
    }
}
