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
import java.util.Map;
import java.util.TreeMap;
import javax.management.ObjectName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A thousand page views with a wallet reading between each (every reading moves the data version, so nearly every
 * view renders its cached parts anew) leave the live heap where it started (issue 27): the kept parts are text, bounded
 * in bytes, and hold nothing they were rendered from. Qute's own {@code {#cached}} kept each copy's context, and with
 * it every figure the copy was rendered from.
 *
 * <p>What the views could keep is counted after a full GC by the JVM's own class histogram (what {@code jcmd
 * GC.class_histogram} prints): the portal's objects and Qute's. The whole heap of a test JVM also holds what the
 * other test classes left and this in-memory database, which grows with every reading, so its figure is reported,
 * not asserted.
 */
@QuarkusTest
@Tag("h2-only") // what the page cache keeps on the heap, the same on either database
class PageCacheMemoryTest {

    static final int ACCOUNTS = 12;
    static final int VIEWS = 1000;
    /** Room for the lines of the data version current at the end (at most one copy of the figures per account). */
    static final long ALLOWED_BYTES = 1024 * 1024;

    @Test
    void aThousandViewsWithAReadingBetweenEachLeaveTheLiveHeapWhereItStarted() throws Exception {
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
        // A write token, not Basic: a password check on each of a thousand calls would be most of the test's time
        String token = Api.admin().body("{\"name\":\"" + Api.uniqueName("heap") + "\",\"scope\":\"write\"}")
                .post("/api/tokens").then().statusCode(201).extract().jsonPath().getString("token");
        Instant start = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        int reading = 0;
        for (; reading < 100; reading++) { // every page and part rendered once, the classes loaded
            read(token, ids, start, reading);
            view(admin, ids, reading);
        }
        Map<String, long[]> before = histogram();
        long heapBefore = liveHeap();
        for (; reading < 100 + VIEWS; reading++) {
            read(token, ids, start, reading);
            view(admin, ids, reading);
        }
        Map<String, long[]> after = histogram();
        long heapAfter = liveHeap();

        assertTrue(CachedText.weightBytes() <= CachedText.maxBytes(), "the kept parts stay within their bound");
        long grown = 0;
        StringBuilder growth = new StringBuilder();
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] was = before.getOrDefault(e.getKey(), new long[2]);
            long bytes = e.getValue()[1] - was[1];
            if (bytes > 0) {
                grown += bytes;
                if (bytes > 16 * 1024) {
                    growth.append("\n  ").append(e.getKey()).append(": +").append(e.getValue()[0] - was[0])
                            .append(" objects, +").append(bytes / 1024).append(" KB");
                }
            }
        }
        assertTrue(grown < ALLOWED_BYTES, VIEWS + " views kept " + grown / 1024 + " KB of the portal's and Qute's objects"
                + " (the whole heap of this JVM went from " + heapBefore / 1024 / 1024 + " to " + heapAfter / 1024 / 1024
                + " MB):" + growth);
        System.out.printf("PageCacheMemoryTest: %d views, the portal's and Qute's objects %+d KB, the whole heap %d -> %d MB,"
                + " kept parts %d KB%n", VIEWS, grown / 1024, heapBefore / 1024 / 1024, heapAfter / 1024 / 1024,
                CachedText.weightBytes() / 1024);
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

    /**
     * The live objects of the portal's classes and Qute's after a full GC, by class: {instances, bytes}. The JVM's
     * {@code GC.class_histogram} diagnostic command, in process.
     */
    static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] { new String[0] }, new String[] { String[].class.getName() });
        Map<String, long[]> counts = new TreeMap<>();
        for (String line : text.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length < 4 || !cells[0].endsWith(":")) {
                continue;
            }
            String name = cells[3];
            if (name.startsWith("com.spendportal.") || name.startsWith("io.quarkus.qute.")) {
                counts.put(name, new long[] { Long.parseLong(cells[1]), Long.parseLong(cells[2]) });
            }
        }
        if (counts.isEmpty()) {
            throw new IllegalStateException("no class histogram: " + text.lines().limit(5).toList());
        }
        return counts;
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
