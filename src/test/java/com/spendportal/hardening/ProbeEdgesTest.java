package com.spendportal.hardening;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.CapturedLogs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The edges a probe of the newer routes found (issue 26): dates out of range, a PATCH that changes nothing, spaces. */
@QuarkusTest
@Tag("h2-only") // the checks come before any SQL; the routes' queries run on both in their own tests
class ProbeEdgesTest {

    private static final List<String> BAD_DAYS = List.of("-999999999-01-01", "+999999999-12-31", "0000-01-01", "1999-12-31",
            "2101-01-01", "2026-02-30", " 2026-01-01", "2026-01-01%0A");

    private static long accountWithContract() {
        long id = Api.createAccount(Api.uniqueName("Edges"), null);
        Api.admin().body("{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"mmcUsd\":\"1000\","
                + "\"contractRatePerSecond\":\"0.00833\",\"includedSecondsPerMonth\":\"120000\",\"overageRatePerSecond\":\"0.01\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(200);
        return id;
    }

    @Test
    void everyDateOutsideTheComputableRangeIsA400NamingTheField() {
        long id = accountWithContract();
        Browser viewer = Browser.admin();
        try (CapturedLogs logs = CapturedLogs.start()) {
            for (String day : BAD_DAYS) {
                String q = "asOf=" + day.replace(" ", "%20").replace("+", "%2B");
                for (String page : List.of("/accounts/" + id, "/accounts/" + id + "/statement.csv",
                        "/accounts/" + id + "/statement.pdf", "/accounts/" + id + "/plan")) {
                    Response r = viewer.request().urlEncodingEnabled(false).get(page + "?" + q);
                    assertEquals(400, r.getStatusCode(), page + "?" + q);
                    assertFalse(r.asString().contains("Exception"), page + "?" + q);
                    r.then().body(containsString("asOf"));
                }
                for (String api : List.of("/api/accounts/" + id + "/statement", "/api/accounts/" + id + "/plan")) {
                    Api.admin().urlEncodingEnabled(false).get(api + "?" + q).then().statusCode(400)
                            .body("error.field", equalTo("asOf"));
                }
                Api.admin().urlEncodingEnabled(false).get("/api/accounts/" + id + "/daily-spend?from=" + q.substring(5))
                        .then().statusCode(400).body("error.field", equalTo("from"));
            }
            assertEquals(List.of(), logs.lines().stream().filter(l -> l.contains("DateTimeException") || l.contains("\tat ")).toList());
        }
        Api.admin().get("/api/accounts/" + id + "/statement?asOf=2100-12-31").then().statusCode(200);
        Api.admin().get("/api/accounts/" + id + "/statement?asOf=2000-01-01").then().statusCode(200);
    }

    @Test
    void monthsAndAmountsWithSpacesOrLineBreaksAreRefused() {
        long id = accountWithContract();
        for (String month : List.of("%202026-01", "2026-01%20", "2026-01%0A", "%0A2026-01")) {
            Api.admin().urlEncodingEnabled(false).body("{\"invoicedUsd\":\"12.00\"}").put("/api/accounts/" + id + "/invoices/" + month)
                    .then().statusCode(400).body("error.field", equalTo("month"));
        }
        for (String amount : List.of("\" 12.00 \"", "\"12.00 \"", "\"12.00\\n\"", "\"\\t12.00\"")) {
            Api.admin().body("{\"invoicedUsd\":" + amount + "}").put("/api/accounts/" + id + "/invoices/2026-01")
                    .then().statusCode(400).body("error.field", equalTo("invoicedUsd"));
        }
        Api.admin().get("/api/accounts/" + id + "/statement?asOf=2026-03-01").then().statusCode(200)
                .body("months[0].invoicedUsd", equalTo(null));
        Api.admin().body("{\"invoicedUsd\":\"12.00\"}").put("/api/accounts/" + id + "/invoices/2026-01").then().statusCode(200);
    }

    @Test
    void aPatchThatChangesNothingEndsNoSessionAndWritesNoAuditEntry() {
        String username = Api.uniqueName("calm").replace(' ', '-');
        long userId = Api.admin().body("{\"username\":\"" + username + "\",\"password\":\"calm-password-123\",\"role\":\"viewer\"}")
                .post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
        Browser user = Browser.login(username, "calm-password-123");
        int entries = auditEntriesAbout(username);

        Api.admin().body("{\"enabled\":true}").patch("/api/users/" + userId).then().statusCode(200).body("enabled", equalTo(true));
        Api.admin().body("{\"role\":\"viewer\"}").patch("/api/users/" + userId).then().statusCode(200);

        assertEquals(200, user.get("/").getStatusCode(), "the user is still logged in");
        assertEquals(entries, auditEntriesAbout(username));

        Api.admin().body("{\"enabled\":false}").patch("/api/users/" + userId).then().statusCode(200);
        user.request().get("/").then().statusCode(not(equalTo(200)));
        assertEquals(entries + 1, auditEntriesAbout(username));
    }

    private static int auditEntriesAbout(String username) {
        return Api.admin().get("/api/audit?limit=200").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.toString().contains('" + username + "') }").size();
    }
}
