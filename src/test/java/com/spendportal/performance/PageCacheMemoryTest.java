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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A thousand page views with a wallet reading between each (every reading moves the data version, so nearly every
 * view renders its cached parts anew) leave the live heap where it started (issue 27): the kept parts are text, bounded
 * in bytes, and hold nothing they were rendered from. Qute's own {@code {#cached}} kept each copy's data, about 5 KB an
 * account a copy, up to 500 copies.
 */
@QuarkusTest
@Tag("h2-only") // what the page cache keeps on the heap, the same on either database
class PageCacheMemoryTest {

    static final int ACCOUNTS = 12;
    static final int VIEWS = 1000;
    /** The tests keep 2 MB of parts (%test.portal.page-cache.max-size-mb); a full GC's figure moves by a few MB. */
    static final long ALLOWED_GROWTH = 16L * 1024 * 1024;

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
            read(token, ids, start, reading);
            view(admin, ids, reading);
        }
        // The control: readings alone grow this in-memory database (rows, audit entries) and nothing else.
        long start0 = liveHeap();
        for (; reading < 100 + VIEWS / 2; reading++) {
            read(token, ids, start, reading);
        }
        long readingsOnly = liveHeap() - start0;
        long before = liveHeap();
        for (; reading < 100 + VIEWS / 2 + VIEWS; reading++) {
            read(token, ids, start, reading);
            view(admin, ids, reading);
        }
        long after = liveHeap();
        long byViews = after - before - 2 * readingsOnly;

        assertTrue(CachedText.weightBytes() <= CachedText.maxBytes(), "the kept parts stay within their bound");
        assertTrue(byViews < ALLOWED_GROWTH, "the views kept " + byViews / 1024 / 1024 + " MB of live heap over " + VIEWS
                + " views (the heap grew " + (after - before) / 1024 / 1024 + " MB, the readings alone "
                + 2 * readingsOnly / 1024 / 1024 + " MB of it)");
    }

    /** One reading of one account through the API, as a backfill sends it: it moves the data version. */
    private static void read(String token, List<Long> ids, Instant start, int reading) {
        long id = ids.get(reading % ids.size());
        String body = "[{\"fetchedAt\":\"" + start.plusSeconds(60L * reading) + "\",\"remainingBalance\":\""
                + (100000 - reading) + ".00\"}]";
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body)
                .post("/api/accounts/" + id + "/wallet-snapshots").then().statusCode(200);
    }

    /** The dashboard or an account's page, in turn. */
    private static void view(Browser admin, List<Long> ids, int reading) {
        String page = reading % 2 == 0 ? "/" : "/accounts/" + ids.get(reading % ids.size());
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
