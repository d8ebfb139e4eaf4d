package com.spendportal.usage;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class UsageImportApiTest {

    static final Path SAMPLES = Path.of("..", "shared", "samples");
    static final String UB = "{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"mmcUsd\":\"5000.00\","
            + "\"contractRatePerSecond\":\"0.00750\",\"includedSecondsPerMonth\":600000,\"overageRatePerSecond\":\"0.00833\"}";

    static long usageBasedAccount() {
        long id = Api.createAccount(Api.uniqueName("Usage"), null);
        Api.admin().body(UB).put("/api/accounts/" + id + "/contract").then().statusCode(200);
        return id;
    }

    static int storedRecords(long id) {
        return Api.admin().queryParam("asOf", "2026-12-31").get("/api/accounts/" + id + "/statement").then()
                .extract().jsonPath().getList("months.findAll { it.usedSeconds != 0 }").size();
    }

    @Test
    void badFileIsRefusedWholeNamingEveryBadLine() throws IOException {
        long id = usageBasedAccount();
        Api.admin().contentType("text/csv").body(Files.readString(SAMPLES.resolve("usage-bad.csv")))
                .post("/api/accounts/" + id + "/usage").then().statusCode(400)
                .body("error.code", equalTo("invalid_usage"))
                .body("error.details.line", contains(3, 4, 5, 6, 7, 8))
                .body("error.details[0].message", containsString("2026-13"))
                .body("error.details[5].message", containsString("exponent"));
        assertEquals(0, storedRecords(id));
    }

    @Test
    void goodFileIsStoredAndImportingItAgainChangesNothing() throws IOException {
        long id = usageBasedAccount();
        String csv = Files.readString(SAMPLES.resolve("usage-good.csv"));
        Api.admin().contentType("text/csv").body(csv).post("/api/accounts/" + id + "/usage").then().statusCode(200)
                .body("imported", equalTo(4)).body("months", contains("2026-01", "2026-02", "2026-03"))
                .body("products", contains("avatar-iv", "video-translation"));
        String first = statement(id);
        Api.admin().contentType("text/csv").body(csv).post("/api/accounts/" + id + "/usage").then().statusCode(200);
        assertEquals(first, statement(id));
        // February: 450,000 s of avatar-iv plus $1,200.50 of video-translation at $0.0075/s = 160,066.667 s
        Api.admin().queryParam("asOf", "2026-12-31").get("/api/accounts/" + id + "/statement").then()
                .body("months[1].usedSeconds", equalTo(610066.667f));
    }

    private static String statement(long id) {
        return Api.admin().queryParam("asOf", "2026-12-31").get("/api/accounts/" + id + "/statement").asString();
    }

    @Test
    void spreadsheetFileWithBomCrlfAndDatesIsBucketedIntoItsMonth() throws IOException {
        long id = usageBasedAccount();
        byte[] bytes = Files.readAllBytes(SAMPLES.resolve("usage-excel-bom-crlf.csv"));
        Api.admin().contentType("text/csv; charset=UTF-8").body(bytes).post("/api/accounts/" + id + "/usage").then()
                .statusCode(200).body("months", contains("2026-04"));
        // 120000.5 + 98000 s of avatar-iv and $310.75 / 0.0075 = 41433.333 s of video-agent
        Api.admin().queryParam("asOf", "2026-12-31").get("/api/accounts/" + id + "/statement").then()
                .body("months[3].usedSeconds", equalTo(259433.833f));
    }

    @Test
    void reEnteringAMonthAndProductReplacesIt() {
        long id = usageBasedAccount();
        Api.admin().body("[{\"month\":\"2026-02\",\"seconds\":100,\"product\":\"a\"},{\"month\":\"2026-02\",\"seconds\":50,\"product\":\"b\"}]")
                .post("/api/accounts/" + id + "/usage").then().statusCode(200);
        Api.admin().body("[{\"date\":\"2026-02-10\",\"seconds\":7,\"product\":\"a\"},{\"date\":\"2026-02-11\",\"seconds\":3,\"product\":\"a\"}]")
                .post("/api/accounts/" + id + "/usage").then().statusCode(200);
        Api.admin().queryParam("asOf", "2026-12-31").get("/api/accounts/" + id + "/statement").then()
                .body("months[1].usedSeconds", equalTo(60.0f));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown month format|[{\"month\":\"Feb 2026\",\"seconds\":1}]|YYYY-MM",
        "negative seconds|[{\"month\":\"2026-02\",\"seconds\":-5}]|negative",
        "both empty|[{\"month\":\"2026-02\"}]|seconds or usd",
        "text in a number|[{\"month\":\"2026-02\",\"seconds\":\"12abc\"}]|plain decimal",
        "month out of range|[{\"month\":\"1899-02\",\"seconds\":1}]|outside the years",
        "exponent|[{\"month\":\"2026-02\",\"usd\":\"1e3\"}]|exponent",
        "too many decimals|[{\"month\":\"2026-02\",\"usd\":\"1.005\"}]|decimals"})
    void badRecordsAreRefusedAndNothingIsStored(String what, String body, String reason) {
        long id = usageBasedAccount();
        String good = "{\"month\":\"2026-03\",\"seconds\":10},";
        Api.admin().body("[" + good + body.substring(1)).post("/api/accounts/" + id + "/usage").then().statusCode(400)
                .body("error.details", hasSize(1)).body("error.details[0].record", equalTo(2))
                .body("error.details[0].message", containsString(reason));
        assertEquals(0, storedRecords(id));
    }

    @Test
    void emptyAndHugeFilesAreRefusedWithAClearMessage() {
        long id = usageBasedAccount();
        Api.admin().contentType("text/csv").body("").post("/api/accounts/" + id + "/usage").then().statusCode(400)
                .body("error.details[0].message", containsString("empty"));
        Api.admin().contentType("text/csv").body("month,seconds,usd,product,note\r\n").post("/api/accounts/" + id + "/usage")
                .then().statusCode(400).body("error.details[0].message", containsString("no data lines"));
        Api.admin().body("[]").post("/api/accounts/" + id + "/usage").then().statusCode(400);
        String big = "month,seconds,usd,product,note\r\n" + "2026-02,1,,,".repeat(1) + "\r\n"
                + ("2026-02,1,,," + "x".repeat(100) + "\r\n").repeat(10 * 1024 * 1024 / 114);
        Api.admin().contentType("text/csv").body(big).post("/api/accounts/" + id + "/usage").then().statusCode(400)
                .body("error.code", equalTo("too_large"));
        assertEquals(0, storedRecords(id));
    }

    @Test
    void packageWithoutRateRefusesSeconds() {
        long id = Api.createAccount(Api.uniqueName("NoRate"), null);
        Api.admin().body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"packageUsd\":\"1000\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(200);
        Api.admin().body("[{\"month\":\"2026-02\",\"seconds\":100}]").post("/api/accounts/" + id + "/usage").then()
                .statusCode(400).body("error.details[0].message", containsString("no contract rate"));
    }

    @Test
    void statementWithoutContractIs404NoContractAndBadAsOfIs400() {
        long id = Api.createAccount(Api.uniqueName("NoContract"), null);
        Api.admin().get("/api/accounts/" + id + "/statement").then().statusCode(404).body("error.code", equalTo("no_contract"));
        long withContract = usageBasedAccount();
        Api.admin().queryParam("asOf", "2026-13-01").get("/api/accounts/" + withContract + "/statement").then()
                .statusCode(400).body("error.field", equalTo("asOf"));
    }

    @Test
    void pageUploadShowsLineErrorsThenWhatAGoodFileChanged() throws IOException {
        long id = usageBasedAccount();
        Browser admin = Browser.admin();
        String token = admin.csrf();
        Response bad = admin.request().multiPart("csrf-token", token)
                .multiPart("file", "usage-bad.csv", Files.readAllBytes(SAMPLES.resolve("usage-bad.csv")), "text/csv")
                .post("/accounts/" + id + "/usage/import");
        assertEquals(400, bad.statusCode());
        Document page = Jsoup.parse(bad.asString());
        List<String> items = page.select(".line-errors li").eachText();
        assertEquals(6, items.size(), items.toString());
        for (int line = 3; line <= 8; line++) {
            assertTrue(items.get(line - 3).startsWith("Line " + line + ":"), items.toString());
        }
        assertEquals(0, storedRecords(id));

        Response good = admin.keep(admin.request().multiPart("csrf-token", token)
                .multiPart("file", "usage-good.csv", Files.readAllBytes(SAMPLES.resolve("usage-good.csv")), "text/csv")
                .post("/accounts/" + id + "/usage/import"));
        assertEquals(303, good.statusCode());
        Document after = admin.page("/accounts/" + id + "/usage");
        assertTrue(after.select(".flash").text().contains("2026-01 to 2026-03"), after.select(".flash").text());
        assertEquals(4, after.select("tbody tr").size());
    }

    @Test
    void pageEntryKeepsTypedValuesBesideErrors() {
        long id = usageBasedAccount();
        Browser admin = Browser.admin();
        Response bad = admin.post("/accounts/" + id + "/usage", Map.of("month", "2026-02", "seconds", "-3", "usd", "", "product", ""));
        assertEquals(400, bad.statusCode());
        Document page = Jsoup.parse(bad.asString());
        assertEquals("-3", page.select("#f-seconds").val());
        assertTrue(page.select("#e-seconds").text().contains("negative"));
        assertEquals(303, admin.post("/accounts/" + id + "/usage",
                Map.of("month", "2026-02", "seconds", "1200.5", "usd", "", "product", "avatar-iv")).statusCode());
        Api.admin().queryParam("asOf", "2026-12-31").get("/api/accounts/" + id + "/statement").then()
                .body("months[1].usedSeconds", equalTo(1200.5f));
        assertTrue(new String(admin.get("/accounts/" + id + "/usage").asByteArray(), StandardCharsets.UTF_8).contains("avatar-iv"));
    }
}
