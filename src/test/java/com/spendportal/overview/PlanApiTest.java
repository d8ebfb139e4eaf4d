package com.spendportal.overview;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.spendportal.plan.PlanAcceptanceTest;
import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.Users;
import com.spendportal.web.Formats;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The plan through the API, the pages and the CSV (DESIGN §14), on the worked cases of {@code plan-acceptance}. */
@QuarkusTest
class PlanApiTest {

    /** Creates the case's account, contract and usage through the API; returns the account id. */
    static long load(JsonNode root) {
        long id = Api.createAccount(Api.uniqueName("Plan " + root.get("name").asText()), null);
        if (root.has("contract")) {
            Api.admin().body(root.get("contract").toString()).put("/api/accounts/" + id + "/contract").then().statusCode(200);
        }
        Api.admin().body(root.get("usage").toString()).post("/api/accounts/" + id + "/usage").then().statusCode(200);
        return id;
    }

    static String query(JsonNode root) {
        StringBuilder q = new StringBuilder("?asOf=" + root.get("asOf").asText());
        Iterator<Map.Entry<String, JsonNode>> inputs = root.path("inputs").fields();
        while (inputs.hasNext()) {
            Map.Entry<String, JsonNode> input = inputs.next();
            q.append('&').append(input.getKey()).append('=').append(input.getValue().asText());
        }
        return q.toString();
    }

    @Test
    void everyWorkedCaseThroughTheApi() throws Exception {
        for (Path file : PlanAcceptanceTest.files()) {
            JsonNode root = PlanAcceptanceTest.JSON.readTree(file.toFile());
            long id = load(root);
            String body = Api.admin().get("/api/accounts/" + id + "/plan" + query(root)).then().statusCode(200)
                    .extract().asString();
            JsonNode answer = PlanAcceptanceTest.JSON.readTree(body);
            PlanAcceptanceTest.assertPlan(file.getFileName().toString(), root.get("expected"), answer);
            assertEquals(root.get("asOf").asText(), answer.get("asOf").asText());
            // The same plan on the page: the recommendation and every option's expected cost.
            Document page = Browser.admin().page("/accounts/" + id + "/plan" + query(root));
            for (JsonNode option : answer.get("options")) {
                assertTrue(page.text().contains(option.get("label").asText()), option.get("label").asText());
            }
            if (!answer.get("recommended").isNull()) {
                String recommendedRow = page.select("tr:has(.badge-ok)").text();
                assertTrue(recommendedRow.contains(answer.get("options").get(0).get("label").asText()), recommendedRow);
            } else {
                assertTrue(page.text().contains("Not enough to plan on yet"), page.text());
            }
        }
    }

    @Test
    void optionalFieldsByModelAndNullSavingWithoutAContract() {
        long id = Api.createAccount(Api.uniqueName("Plan no contract"), null);
        Api.admin().body("[{\"month\":\"2026-01\",\"seconds\":500000},{\"month\":\"2026-02\",\"seconds\":500000},"
                + "{\"month\":\"2026-03\",\"seconds\":500000}]").post("/api/accounts/" + id + "/usage").then().statusCode(200);
        Response r = Api.admin().get("/api/accounts/" + id + "/plan?asOf=2026-04-02&packageRate=0.0075");
        r.then().statusCode(200).body("recommended", equalTo("PACKAGE_40000"))
                .body("options.find { it.key == 'MMC_1000' }.expectedAnnualUsd", equalTo(57600.00f))
                .body("options.find { it.key == 'MMC_1000' }.includedUsePct", equalTo(100.0f))
                .body("options.find { it.key == 'PACKAGE_40000' }.topUpUsd", equalTo(5000.00f))
                .body("breakEven.secondsPerMonth", hasItem(520000));
        JsonNode options = Api.admin().get("/api/accounts/" + id + "/plan?asOf=2026-04-02&packageRate=0.0075").then()
                .extract().as(JsonNode.class).get("options");
        for (JsonNode o : options) {
            assertTrue(o.has("savingVsCurrentUsd") && o.get("savingVsCurrentUsd").isNull(), o.toString());
            boolean usage = o.get("model").asText().equals("USAGE_BASED");
            assertEquals(usage, o.has("includedUsePct"), o.toString());
            assertEquals(!usage, o.has("topUpUsd") && o.has("unusedUsd") && o.has("annualDrawdownUsd"), o.toString());
        }
        Users.ensureViewer();
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).get("/api/accounts/" + id + "/plan").then().statusCode(200);
    }

    @Test
    void badInputsAre400NamingTheField() {
        long id = Api.createAccount(Api.uniqueName("Plan refusals"), null);
        Map<String, String> bad = Map.of("lookbackMonths", "abc", "growthPct", "600", "packageRate", "1e-3",
                "packageSizes", "10000,10000", "topUpRate", "0", "asOf", "2026-02-30");
        for (Map.Entry<String, String> input : bad.entrySet()) {
            Api.admin().queryParam(input.getKey(), input.getValue()).get("/api/accounts/" + id + "/plan").then()
                    .statusCode(400).body("error.field", equalTo(input.getKey()));
        }
        Api.admin().get("/api/accounts/987654321/plan").then().statusCode(404);
        io.restassured.RestAssured.given().get("/api/accounts/" + id + "/plan").then().statusCode(401);
    }

    @Test
    void planPageKeepsTypedInputsAndSaysWhatIsWrongBesideTheField() {
        long id = Api.createAccount(Api.uniqueName("Plan form"), null);
        Response response = Browser.admin().get("/accounts/" + id + "/plan?lookbackMonths=99&growthPct=12&packageSizes=5000@x");
        assertEquals(400, response.statusCode());
        Document page = Jsoup.parse(response.asString());
        assertEquals("99", page.select("#f-lookbackMonths").val());
        assertEquals("12", page.select("#f-growthPct").val());
        assertEquals("5000@x", page.select("#f-packageSizes").val());
        assertTrue(page.select("#e-lookbackMonths").text().contains("3 to 36"));
        assertFalse(page.select("#e-packageSizes").text().isEmpty());
        assertTrue(page.select("#e-growthPct").isEmpty());
        assertTrue(page.select("form[method=get][action=/accounts/" + id + "/plan]").size() == 1);
    }

    @Test
    void portfolioAndCsvLargestSavingFirstWithTheTotal() {
        String name = Api.uniqueName("Plan portfolio");
        long id = Api.createAccount(name, null);
        // A custom $3,000 contract on flat 500,000 s: 3,000 + 100,000 s over at 0.01 = 4,000 a month, 48,000 a year.
        Api.admin().body("{\"model\":\"USAGE_BASED\",\"startDate\":\"2025-06-01\",\"termMonths\":12,\"mmcUsd\":\"3000\","
                + "\"contractRatePerSecond\":\"0.0075\",\"includedSecondsPerMonth\":400000,\"overageRatePerSecond\":\"0.01\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(200);
        StringBuilder usage = new StringBuilder("[");
        java.time.YearMonth now = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
        for (int i = 1; i <= 12; i++) {
            usage.append(i > 1 ? "," : "").append("{\"month\":\"").append(now.minusMonths(i)).append("\",\"seconds\":500000}");
        }
        Api.admin().body(usage.append("]").toString()).post("/api/accounts/" + id + "/usage").then().statusCode(200);
        // Packages at 0.0075: D = 45,000, $40,000 + 5,000 of top-ups = 45,000: saves 3,000.00 against 48,000.
        Api.admin().get("/api/accounts/" + id + "/plan").then().statusCode(200)
                .body("recommended", equalTo("PACKAGE_40000"))
                .body("options.find { it.key == 'CURRENT' }.expectedAnnualUsd", equalTo(48000.00f))
                .body("options.find { it.key == 'PACKAGE_40000' }.savingVsCurrentUsd", equalTo(3000.00f));
        Document page = Browser.admin().page("/plan");
        String row = page.select("tr:has(a[href=/accounts/" + id + "/plan])").text();
        assertTrue(row.contains("$48,000.00") && row.contains("$40,000 package") && row.contains("$3,000.00"), row);
        assertTrue(page.select("nav a[href=/plan]").size() == 1);
        String csv = Browser.admin().get("/plan.csv").then().statusCode(200).extract().asString();
        assertTrue(csv.startsWith("account,demo,current_option,current_expected_annual_usd,recommended,"), csv);
        List<CSVRecord> rows;
        try {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                    .getRecords();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CSVRecord mine = rows.stream().filter(r -> r.get("account").equals(name)).findFirst().orElseThrow();
        assertEquals("CURRENT", mine.get("current_option"));
        assertEquals("48000.00", mine.get("current_expected_annual_usd"));
        assertEquals("PACKAGE_40000", mine.get("recommended"));
        assertEquals("$40,000 package", mine.get("recommended_label"));
        assertEquals("3000.00", mine.get("saving_vs_current_usd"));
        CSVRecord total = rows.get(rows.size() - 1);
        assertEquals("TOTAL", total.get("account"));
        java.math.BigDecimal sum = rows.subList(0, rows.size() - 1).stream().map(r -> r.get("saving_vs_current_usd"))
                .filter(s -> !s.isEmpty()).map(java.math.BigDecimal::new).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        assertEquals(0, sum.compareTo(new java.math.BigDecimal(total.get("saving_vs_current_usd"))), "the total is the sum");
        // Largest saving first; lines without a saving after them.
        List<String> savings = rows.subList(0, rows.size() - 1).stream().map(r -> r.get("saving_vs_current_usd")).toList();
        for (int i = 1; i < savings.size(); i++) {
            if (savings.get(i).isEmpty()) {
                continue;
            }
            assertFalse(savings.get(i - 1).isEmpty(), "a line with a saving after one without: " + savings);
            assertTrue(new java.math.BigDecimal(savings.get(i - 1)).compareTo(new java.math.BigDecimal(savings.get(i))) >= 0,
                    savings.toString());
        }
        Document account = Browser.admin().page("/accounts/" + id);
        assertEquals(1, account.select("a[href=/accounts/" + id + "/plan]").size());

        // The PDF to file: the same lines and totals as the CSV, as text; linked from the page.
        assertEquals(1, page.select("a[href=/plan.pdf]").size());
        Response pdf = Browser.admin().get("/plan.pdf");
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.contentType());
        assertTrue(pdf.header("Content-Disposition").matches("attachment; filename=\"plan-\\d{4}-\\d{2}-\\d{2}\\.pdf\""),
                pdf.header("Content-Disposition"));
        String text = pdfText(pdf.asByteArray());
        String line = text.lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow(() -> new AssertionError(text));
        assertTrue(line.matches(java.util.regex.Pattern.quote(name) + " .*\\$48,000\\.00 \\$40,000 package "
                + "\\$45,000\\.00 \\$[0-9,.]+ \\$[0-9,.]+ \\$3,000\\.00 12"), line);
        String totals = "Total " + Formats.usd(new java.math.BigDecimal(total.get("current_expected_annual_usd"))) + " "
                + Formats.usd(new java.math.BigDecimal(total.get("recommended_expected_annual_usd"))) + " "
                + Formats.usd(new java.math.BigDecimal(total.get("saving_vs_current_usd")));
        assertTrue(text.lines().anyMatch(totals::equals), totals + " in\n" + text);
        assertTrue(text.contains("Saving a year " + Formats.usd(new java.math.BigDecimal(total.get("saving_vs_current_usd")))), text);
        assertTrue(text.contains("Page 1 of "), text);
    }

    static String pdfText(byte[] pdf) {
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            org.apache.pdfbox.text.PDFTextStripper stripper = new org.apache.pdfbox.text.PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(document);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
