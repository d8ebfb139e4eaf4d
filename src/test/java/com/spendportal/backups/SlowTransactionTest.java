package com.spendportal.backups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.CapturedLogs;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * No single slow request may take the portal down (issue 19, item 8): a transaction that writes past its timeout is
 * rolled back by the transaction manager's reaper, and the H2 file database must stay open for everyone else.
 */
@QuarkusTest
@TestProfile(FileDatabase.class)
@DisabledIfSystemProperty(named = "quarkus.datasource.db-kind", matches = "postgresql")
class SlowTransactionTest {

    @Test
    void aWritePastTheTransactionTimeoutDoesNotTakeThePortalDown() {
        QuarkusTransaction.requiringNew().run(() -> {
            Panache.getEntityManager().createNativeQuery("CREATE TABLE IF NOT EXISTS slow_scratch (id BIGINT, payload VARCHAR(200))")
                    .executeUpdate();
            Panache.getEntityManager().createNativeQuery("CREATE ALIAS IF NOT EXISTS SLOW_SLEEP FOR 'java.lang.Thread.sleep(long)'")
                    .executeUpdate();
        });
        List<String> logs;
        try (CapturedLogs captured = CapturedLogs.start()) {
            // A big write, then a statement that keeps at it past the transaction's 2 s (the portal's is 60 s: a
            // 10,000-reading backfill on a busy machine once outlived it). The transaction manager's reaper rolls it
            // back on a thread of its own, which waits for the statement, is interrupted meanwhile, and then rolls back
            // the write with its interrupt flag set
            assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().timeout(2).run(() -> {
                Panache.getEntityManager().createNativeQuery(
                        "INSERT INTO slow_scratch SELECT X, REPEAT('x', 150) FROM SYSTEM_RANGE(1, 200000)").executeUpdate();
                Panache.getEntityManager().createNativeQuery("CALL SLOW_SLEEP(5000)").getSingleResult();
            }));
            logs = captured.lines();
        }
        assertTrue(logs.stream().anyMatch(line -> line.contains("ARJUNA012117")), "the transaction ran past its timeout: " + logs);
        assertEquals(0L, ((Number) QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                .createNativeQuery("SELECT COUNT(*) FROM slow_scratch").getSingleResult())).longValue(), "rolled back");

        // Everyone else goes on: pages, reads and writes, on the pool's connections and on new ones
        for (int i = 0; i < 5; i++) {
            assertEquals(200, Browser.admin().get("/").statusCode());
        }
        long id = Api.createAccount(Api.uniqueName("After the slow write"), null);
        Api.admin().get("/api/accounts/" + id).then().statusCode(200);
    }
}
