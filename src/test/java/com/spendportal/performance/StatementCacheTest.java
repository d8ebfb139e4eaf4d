package com.spendportal.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The account page keeps its rendered statement until the account's figures change: a repeat view
 * reads less, and a new contract, usage import or backfill shows at once, as does another asOf.
 */
@QuarkusTest
class StatementCacheTest {

    @Inject
    SessionFactory sessionFactory;

    private long statements(Browser browser, String path) {
        Statistics statistics = sessionFactory.getStatistics();
        statistics.clear();
        assertEquals(200, browser.get(path).statusCode());
        return statistics.getPrepareStatementCount();
    }

    private static String januaryOverage(Document page) {
        return page.select("table.statement tbody tr").first().select("td").eachText().toString();
    }

    @Test
    void repeatViewsReuseTheStatementAndChangesShowAtOnce() {
        Browser browser = Browser.admin();
        long id = Api.createAccount(Api.uniqueName("Cached"), null);
        String page = "/accounts/" + id + "?asOf=2026-02-10";
        Api.admin().body("{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"mmcUsd\":\"5000\","
                + "\"contractRatePerSecond\":\"0.0075\",\"includedSecondsPerMonth\":\"600000\",\"overageRatePerSecond\":\"0.00833\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(200);
        Api.admin().body("[{\"month\":\"2026-01\",\"seconds\":\"700000\"}]").post("/api/accounts/" + id + "/usage")
                .then().statusCode(200);

        long first = statements(browser, page);
        long repeat = statements(browser, page);
        assertTrue(repeat < first, "a repeat view reads less: " + first + " then " + repeat);
        assertTrue(januaryOverage(browser.page(page)).contains("$833.00"), januaryOverage(browser.page(page)));

        Api.admin().body("[{\"month\":\"2026-01\",\"seconds\":\"800000\"}]").post("/api/accounts/" + id + "/usage")
                .then().statusCode(200);
        assertTrue(januaryOverage(browser.page(page)).contains("$1,666.00"), "a usage import shows at once");

        Api.admin().body("{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"mmcUsd\":\"5000\","
                + "\"contractRatePerSecond\":\"0.0075\",\"includedSecondsPerMonth\":\"700000\",\"overageRatePerSecond\":\"0.00833\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(200);
        assertTrue(januaryOverage(browser.page(page)).contains("$833.00"), "a contract change shows at once");

        Document later = browser.page("/accounts/" + id + "?asOf=2026-03-10");
        assertTrue(later.text().contains("Statement as of 10 Mar 2026"), "another asOf is another statement");
    }

    @Test
    void theDashboardTableShowsANewAccountAtOnce() {
        Browser browser = Browser.admin();
        browser.page("/?q=Dashcache");
        String name = Api.uniqueName("Dashcache");
        Api.createAccount(name, null);
        Document after = browser.page("/?q=Dashcache");
        assertTrue(after.select("table.dashboard").text().contains(name),
                "the table rendered before the account existed is not served again: " + after.select("main").text());
    }
}
