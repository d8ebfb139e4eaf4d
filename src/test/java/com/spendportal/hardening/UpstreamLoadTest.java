package com.spendportal.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.HeyGenWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Upstream faults under load (issue 6): while HeyGen hangs, 50 concurrent page views make no
 * upstream call of their own and are no slower, and concurrent refreshes make one call at most.
 */
@QuarkusTest
class UpstreamLoadTest {

    static final int VIEWS = 50;

    @HeyGenWireMock.Server
    WireMockServer heygen;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Test
    void fiftyPageViewsWhileHeyGenHangs() throws Exception {
        breakers.resetAll();
        String key = "sk_fake_hanging_" + System.nanoTime();
        HeyGenWireMock.stub(heygen, key, aResponse().withStatus(200).withFixedDelay(30_000)
                .withHeader("Content-Type", "application/json").withBody(HeyGenWireMock.fixture("users-me-wallet-usd.json")));
        long id = Api.createAccount(Api.uniqueName("Hanging"), key);
        Browser admin = Browser.admin();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Long> baseline = views(pool, admin, id);

            List<Future<Integer>> refreshes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                refreshes.add(pool.submit(() -> Api.admin().post("/api/accounts/" + id + "/wallet/refresh").statusCode()));
            }
            Thread.sleep(300); // the refreshes are now waiting on the hanging upstream
            List<Long> underFault = views(pool, admin, id);

            for (Future<Integer> refresh : refreshes) {
                int status = refresh.get(20, TimeUnit.SECONDS);
                assertTrue(status >= 400, "a hanging upstream is a failure, answered in time: " + status);
            }
            assertEquals(1, HeyGenWireMock.calls(heygen, key), "one upstream call for the account, whoever asked");
            long baselineMedian = median(baseline);
            long faultMedian = median(underFault);
            long faultMax = Collections.max(underFault);
            System.out.printf("page views: baseline median %d ms, under a hanging upstream median %d ms, max %d ms%n",
                    baselineMedian, faultMedian, faultMax);
            assertTrue(faultMedian <= baselineMedian * 2 + 250, "pages do not wait on the upstream: " + faultMedian
                    + " ms vs " + baselineMedian + " ms");
            assertTrue(faultMax < 3_000, "no page waited on the upstream: " + faultMax + " ms");
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Long> views(ExecutorService pool, Browser admin, long id) throws Exception {
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < VIEWS; i++) {
            String path = i % 2 == 0 ? "/accounts/" + id : "/";
            futures.add(CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                int status = admin.request().get(path).statusCode();
                assertEquals(200, status, path);
                return (System.nanoTime() - start) / 1_000_000;
            }, pool));
        }
        List<Long> times = new ArrayList<>();
        for (CompletableFuture<Long> f : futures) {
            times.add(f.get(30, TimeUnit.SECONDS));
        }
        return times;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
