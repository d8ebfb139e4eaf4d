package com.spendportal.performance;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.web.CachedText;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A thousand page views with a wallet reading between each (every reading moves the data version, so nearly every
 * view renders its cached parts anew) leave the live heap where it started (issue 27): the kept parts are text, bounded
 * in bytes, and hold nothing they were rendered from. Qute's own {@code {#cached}} kept each copy's data, about 5 KB an
 * account a copy, up to 500 copies.
 */
@QuarkusTest
class PageCacheMemoryTest {

    static final int ACCOUNTS = 12;
    static final int VIEWS = 1000;
    /** The tests keep 2 MB of parts (%test.portal.page-cache.max-size-mb): more than that and some slack is a leak. */
    static final long ALLOWED_GROWTH = 12L * 1024 * 1024;

    @Test
    void aThousandViewsWithAReadingBetweenEachLeaveTheLiveHeapWhereItStarted() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            long id = Api.createAccount(Api.uniqueName("Heap"), null);
            String contract = i % 2 == 0
                    ? "{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"packageUsd\":\"120000\"}"
                    : "{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"mmcUsd\":\"5000\","
                            + "\"contractRatePerSecond\":\"0.0075\",\"includedSecondsPerMonth\":\"600000\","
                            + "\"overageRatePerSecond\":\"0.00833\"}";
            Api.admin().body(contract).put("/api/accounts/" + id + "/contract").then().statusCode(200);
            ids.add(id);
        }
        Browser admin = Browser.admin();
        // A write token, not Basic: bcrypt on each of a thousand calls would be most of the test's time
        String token = Api.admin().body("{\"name\":\"" + Api.uniqueName("heap") + "\",\"scope\":\"write\"}")
                .post("/api/tokens").then().statusCode(201).extract().jsonPath().getString("token");
        Instant start = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        int reading = 0;
        for (; reading < 100; reading++) {
            view(admin, token, ids, start, reading);
        }
        long before = liveHeap();
        for (; reading < 100 + VIEWS; reading++) {
            view(admin, token, ids, start, reading);
        }
        long after = liveHeap();

        assertTrue(CachedText.weightBytes() <= CachedText.maxBytes(), "the kept parts stay within their bound");
        assertTrue(after - before < ALLOWED_GROWTH, "live heap after GC grew by " + (after - before) / 1024 / 1024
                + " MB over " + VIEWS + " views (from " + before / 1024 / 1024 + " MB)");
    }

    /** One reading of one account, then the dashboard or that account's page. */
    private static void view(Browser admin, String token, List<Long> ids, Instant start, int reading) {
        long id = ids.get(reading % ids.size());
        String body = "[{\"fetchedAt\":\"" + start.plusSeconds(60L * reading) + "\",\"remainingBalance\":\""
                + (100000 - reading) + ".00\"}]";
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body)
                .post("/api/accounts/" + id + "/wallet-snapshots").then().statusCode(200);
        String page = reading % 2 == 0 ? "/" : "/accounts/" + id;
        assertEquals(200, admin.get(page).getStatusCode(), page);
    }

    private static long liveHeap() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
