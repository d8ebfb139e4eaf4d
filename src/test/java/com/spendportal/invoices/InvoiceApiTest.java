package com.spendportal.invoices;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DESIGN §16: invoices recorded through the API and the account page, shown in the statement's JSON, CSV and page. */
@QuarkusTest
class InvoiceApiTest {

    /** January 2026: 5,000.00 commitment + 100,000 s of overage at 0.00833 = 5,833.00. */
    static long usageBasedAccount(String name) {
        long id = Api.createAccount(Api.uniqueName(name), null);
        Api.admin().body("{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-01-01\",\"termMonths\":3,\"mmcUsd\":\"5000.00\","
                + "\"contractRatePerSecond\":\"0.00750\",\"includedSecondsPerMonth\":600000,\"overageRatePerSecond\":\"0.00833\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(200);
        Api.admin().body("[{\"month\":\"2026-01\",\"seconds\":\"700000\"}]").post("/api/accounts/" + id + "/usage")
                .then().statusCode(200);
        return id;
    }

    private static JsonPath statement(long id) {
        String body = Api.admin().get("/api/accounts/" + id + "/statement?asOf=2026-03-10").then().statusCode(200).extract()
                .asString();
        return JsonPath.from(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    @Test
    void recordedInvoicesReconcileInTheJsonAndTheCsvWithTheToleranceEdge() throws IOException {
        long id = usageBasedAccount("Invoiced");
        Api.admin().body("{\"invoicedUsd\":\"5834.00\",\"reference\":\"INV-2026-001\"}").put("/api/accounts/" + id + "/invoices/2026-01")
                .then().statusCode(200).body("month", equalTo("2026-01")).body("invoicedUsd", equalTo(5834.00f))
                .body("reference", equalTo("INV-2026-001")).body("recordedBy", equalTo(Browser.ADMIN));
        Api.admin().body("{\"invoicedUsd\":5001.01}").put("/api/accounts/" + id + "/invoices/2026-02")
                .then().statusCode(200).body("reference", nullValue());

        JsonPath json = statement(id);
        assertEquals("5834.00", json.getString("months[0].invoicedUsd"));
        assertEquals("1.00", json.getString("months[0].differenceUsd"));
        assertEquals("MATCHED", json.getString("months[0].reconciliation"));
        assertEquals("1.01", json.getString("months[1].differenceUsd"));
        assertEquals("DIFFERS", json.getString("months[1].reconciliation"));
        assertNull(json.get("months[2].invoicedUsd"));
        assertNull(json.get("months[2].differenceUsd"));
        assertEquals("OPEN", json.getString("months[2].reconciliation"));

        String csv = Api.admin().accept("text/csv").get("/api/accounts/" + id + "/statement?asOf=2026-03-10").then()
                .statusCode(200).extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        assertEquals(List.of("invoiced_usd", "difference_usd", "reconciliation"), rows.get(0).toList().subList(13, 16));
        assertEquals(List.of("5834.00", "1.00", "MATCHED"), rows.get(1).toList().subList(13, 16));
        assertEquals(List.of("5001.01", "1.01", "DIFFERS"), rows.get(2).toList().subList(13, 16));
        assertEquals(List.of("", "", "OPEN"), rows.get(3).toList().subList(13, 16));

        // Recorded again: replaced, not added.
        Api.admin().body("{\"invoicedUsd\":\"5000\"}").put("/api/accounts/" + id + "/invoices/2026-02").then().statusCode(200);
        assertEquals("MATCHED", statement(id).getString("months[1].reconciliation"));

        Api.admin().queryParam("target", "account:" + id).get("/api/audit").then().statusCode(200)
                .body("action", hasItem("invoice.record"));
        Api.admin().delete("/api/accounts/" + id + "/invoices/2026-02").then().statusCode(204);
        assertEquals("OPEN", statement(id).getString("months[1].reconciliation"));
        Api.admin().delete("/api/accounts/" + id + "/invoices/2026-02").then().statusCode(404);
        Api.admin().queryParam("target", "account:" + id).get("/api/audit").then().statusCode(200)
                .body("action", hasItem("invoice.delete"));
    }

    @ParameterizedTest(name = "{0} {1} is refused naming {2}")
    @CsvSource(delimiter = '|', value = {
        "2026-13|{\"invoicedUsd\":\"10\"}|month",
        "2026-1|{\"invoicedUsd\":\"10\"}|month",
        "March|{\"invoicedUsd\":\"10\"}|month",
        "2026-01|{\"invoicedUsd\":\"-1\"}|invoicedUsd",
        "2026-01|{\"invoicedUsd\":\"1e3\"}|invoicedUsd",
        "2026-01|{\"invoicedUsd\":\"10.001\"}|invoicedUsd",
        "2026-01|{\"invoicedUsd\":true}|invoicedUsd",
        "2026-01|{\"reference\":\"x\"}|invoicedUsd",
        "2026-01|{\"invoicedUsd\":\"10\",\"reference\":\"a\\u0007b\"}|reference",
        "2026-01|{\"invoicedUsd\":\"10\",\"vendor\":\"HeyGen\"}|vendor"})
    void badInputIs400NamingTheFieldAndStoresNothing(String month, String body, String field) {
        long id = usageBasedAccount("Bad invoice");
        Api.admin().body(body).put("/api/accounts/" + id + "/invoices/" + month).then().statusCode(400)
                .body("error.field", equalTo(field));
        assertEquals("OPEN", statement(id).getString("months[0].reconciliation"));
    }

    @Test
    void theDocumentDeclaresTheInvoiceRoutesAndTheNullableReconciliationFields() {
        String doc = io.restassured.RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        JsonPath json = JsonPath.from(doc);
        assertTrue(json.getMap("paths").containsKey("/api/accounts/{id}/invoices/{month}"));
        for (String schema : List.of("UsageBasedMonth", "PackageMonth")) {
            for (String field : List.of("invoicedUsd", "differenceUsd")) {
                List<String> types = json.getList("components.schemas." + schema + ".properties." + field + ".type");
                assertTrue(types != null && types.contains("null"), schema + "." + field + " is nullable: " + types);
            }
            assertTrue(json.getMap("components.schemas." + schema + ".properties").containsKey("reconciliation"));
        }
    }

    @Test
    void viewersReadButDoNotRecord() {
        long id = usageBasedAccount("Viewer invoice");
        Users.ensureViewer();
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).body("{\"invoicedUsd\":\"1\"}").put("/api/accounts/" + id + "/invoices/2026-01")
                .then().statusCode(403);
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).delete("/api/accounts/" + id + "/invoices/2026-01").then().statusCode(403);
        Api.admin().body("{\"invoicedUsd\":\"1\"}").put("/api/accounts/999999/invoices/2026-01").then().statusCode(404);
    }

    @Test
    void theAccountPageFormRecordsAndTheCachedStatementShowsIt() {
        long id = usageBasedAccount("Page invoice");
        Browser admin = Browser.admin();
        Document before = admin.page("/accounts/" + id + "?asOf=2026-03-10");
        assertTrue(before.select("table.statement tbody tr").first().text().contains("open"));

        var refused = admin.post("/accounts/" + id + "/invoices", Map.of("month", "2026-01", "invoicedUsd", "-5",
                "reference", "INV 7", "action", "save"));
        assertEquals(400, refused.statusCode());
        Document again = org.jsoup.Jsoup.parse(refused.asString());
        assertEquals("-5", again.select("#f-invoicedUsd").val(), "the typed value is kept");
        assertEquals("INV 7", again.select("#f-reference").val());
        assertTrue(again.select("#e-invoicedUsd").text().contains("negative"), again.select("#invoice").text());
        Document next = admin.page("/accounts/" + id + "?asOf=2026-03-10");
        assertEquals("", next.select("#f-invoicedUsd").val(), "the next page's form is blank (the cached blank form)");
        assertTrue(next.select("#e-invoicedUsd").isEmpty());
        assertTrue(next.select("#invoice").text().contains("flags a difference over $"), next.select("#invoice").text());

        admin.post("/accounts/" + id + "/invoices", Map.of("month", "2026-01", "invoicedUsd", "$5,840.00",
                "reference", "", "action", "save")).then().statusCode(303);
        Document after = admin.page("/accounts/" + id + "?asOf=2026-03-10");
        String january = after.select("table.statement tbody tr").first().text();
        assertTrue(january.contains("$5,840.00") && january.contains("$7.00") && january.contains("differs"), january);

        admin.post("/accounts/" + id + "/invoices", Map.of("month", "2026-01", "action", "remove")).then().statusCode(303);
        assertTrue(admin.page("/accounts/" + id + "?asOf=2026-03-10").select("table.statement tbody tr").first().text()
                .contains("open"));

        Users.ensureViewer();
        Browser viewer = Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD);
        assertTrue(viewer.page("/accounts/" + id).select("#invoice").isEmpty(), "no form for viewers");
        viewer.post("/accounts/" + id + "/invoices", Map.of("month", "2026-01", "invoicedUsd", "1", "action", "save"))
                .then().statusCode(403);
        Api.admin().get("/api/accounts/" + id + "/statement?asOf=2026-03-10").then()
                .body("months[0].reconciliation", equalTo("OPEN")).body("months[0].status", containsString("CLOSED"));
    }
}
