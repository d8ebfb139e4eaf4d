package com.spendportal.wallet;

import static com.spendportal.support.HeyGenWireMock.stub;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.HeyGenWireMock;
import com.spendportal.support.Users;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Backfilling balances through the API and the wallet history export. */
@QuarkusTest
class WalletHistoryTest {

    @HeyGenWireMock.Server
    WireMockServer heygen;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void setUp() {
        breakers.resetAll();
        Users.ensureViewer();
    }

    static long snapshotCount(long id) {
        return QuarkusTransaction.requiringNew().call(() -> WalletSnapshot.count("accountId", id));
    }

    static Response importBalances(long id, String json) {
        return Api.admin().body(json).post("/api/accounts/" + id + "/wallet-snapshots");
    }

    @Test
    void importsBalancesAsImportedUsdAndAgainWithoutDuplicates() {
        long id = Api.createAccount(Api.uniqueName("History"), null);
        String list = "[{\"fetchedAt\":\"2026-01-31T23:00:00Z\",\"remainingBalance\":\"100000.00\"},"
                + "{\"fetchedAt\":\"2026-02-28T23:00:00Z\",\"remainingBalance\":91234.5}]";
        importBalances(id, list).then().statusCode(200).body("count", equalTo(2));
        importBalances(id, list).then().statusCode(200).body("count", equalTo(2));
        assertEquals(2, snapshotCount(id));
        String json = Api.admin().get("/api/accounts/" + id).then().statusCode(200)
                .body("latestSnapshot.source", equalTo("IMPORTED")).body("latestSnapshot.currency", equalTo("usd"))
                .body("latestSnapshot.billingType", equalTo("wallet")).extract().asString();
        assertTrue(json.contains("\"remainingBalance\":91234.50"), json);
    }

    @Test
    void aBadItemRejectsTheWholeListNamingItsIndexAndField() {
        long id = Api.createAccount(Api.uniqueName("History bad"), null);
        importBalances(id, "[{\"fetchedAt\":\"2026-01-31T23:00:00Z\",\"remainingBalance\":\"10.00\"},"
                + "{\"fetchedAt\":\"2026-02-28T23:00:00Z\",\"remainingBalance\":\"10.005\"}]")
                .then().statusCode(400).body("error.code", equalTo("invalid"))
                .body("error.field", equalTo("[1].remainingBalance")).body("error.message", containsString("2 decimals"));
        importBalances(id, "[{\"fetchedAt\":\"31/01/2026\",\"remainingBalance\":\"10.00\"}]")
                .then().statusCode(400).body("error.field", equalTo("[0].fetchedAt"));
        importBalances(id, "[{\"fetchedAt\":\"2026-01-31T23:00:00Z\",\"remainingBalance\":1e3}]")
                .then().statusCode(400).body("error.field", equalTo("[0].remainingBalance"));
        importBalances(id, "[{\"fetchedAt\":\"2026-01-31T23:00:00Z\"}]")
                .then().statusCode(400).body("error.field", equalTo("[0].remainingBalance"));
        importBalances(id, "[{\"fetchedAt\":\"2999-01-31T23:00:00Z\",\"remainingBalance\":\"1.00\"}]")
                .then().statusCode(400).body("error.field", equalTo("[0].fetchedAt"));
        importBalances(id, "{\"fetchedAt\":\"2026-01-31T23:00:00Z\"}").then().statusCode(400);
        importBalances(id, "[").then().statusCode(400).body("error.code", equalTo("invalid_json"));
        assertEquals(0, snapshotCount(id));
        importBalances(987654, "[]").then().statusCode(404);
    }

    @Test
    void onlyAdminsImport() {
        long id = Api.createAccount(Api.uniqueName("History viewer"), null);
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD)
                .body("[{\"fetchedAt\":\"2026-01-31T23:00:00Z\",\"remainingBalance\":\"1.00\"}]")
                .post("/api/accounts/" + id + "/wallet-snapshots").then().statusCode(403);
        assertEquals(0, snapshotCount(id));
    }

    @Test
    void theHistoryExportsAsCsvWithoutTheKey() {
        String key = "sk_fake_history_" + UUID.randomUUID().toString().replace("-", "");
        long id = Api.createAccount(Api.uniqueName("History csv"), key);
        importBalances(id, "[{\"fetchedAt\":\"2026-01-31T23:00:00Z\",\"remainingBalance\":\"-0.00\"}]").then().statusCode(400);
        importBalances(id, "[{\"fetchedAt\":\"2026-01-31T23:00:00Z\",\"remainingBalance\":\"70000\"}]").then().statusCode(200);
        stub(heygen, key, 200, "users-me-wallet-usd.json");
        Api.admin().post("/api/accounts/" + id + "/wallet/refresh").then().statusCode(200);
        stub(heygen, key, 200, "users-me-usage-based.json");
        Api.admin().post("/api/accounts/" + id + "/wallet/refresh").then().statusCode(200);

        Browser viewer = Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD);
        Response csv = viewer.get("/accounts/" + id + "/snapshots.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertTrue(csv.header("Content-Disposition").startsWith("attachment;"), csv.header("Content-Disposition"));
        assertEquals("no-store", csv.header("Cache-Control"));
        String body = csv.asString();
        assertFalse(body.contains(key));
        String[] lines = body.split("\r\n");
        assertEquals(4, lines.length, body);
        assertEquals("fetched_at,source,billing_type,currency,remaining_balance,auto_reload_enabled,"
                + "auto_reload_threshold_usd,auto_reload_amount_usd,spending_current_usd,spending_cap_usd,subscription_plan",
                lines[0]);
        assertEquals("2026-01-31T23:00:00Z,IMPORTED,wallet,usd,70000.00,,,,,,", lines[1]);
        assertTrue(lines[2].endsWith(",FETCHED,wallet,usd,68899.45,true,1000.00,5000.00,,,"), lines[2]);
        assertTrue(lines[3].endsWith(",FETCHED,usage_based,,,,,,4212.37,7500.00,"), lines[3]);

        viewer.get("/accounts/987654/snapshots.csv").then().statusCode(404);
    }
}
