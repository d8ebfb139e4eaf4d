package com.spendportal.costcentres;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.Users;
import com.spendportal.web.Formats;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/showback}, {@code /showback.csv} and {@code /showback.pdf} (DESIGN §19) against figures worked out by
 * hand for October 2026 (CLOSED), and the three agreeing on this (OPEN) month.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShowbackApiTest {

    private static final String OCTOBER = "2026-10";

    private long acme;
    private long beta;
    private long delta;
    private String marketing;
    private String brand;
    private long marketingId;
    private long brandId;

    /**
     * October 2026, worked by hand:
     * <ul>
     * <li>Acme, usage-based: 700,000 s used, 600,000 included: 5,000.00 + 100,000 x 0.00833 = 5,833.00 = 583,300 cents.
     * Jobs: f-ads 100 s, f-brand 100 s, no folder 100 s. 583,300 / 3 = 194,433 rest 1 each; the cent left goes to the
     * first in folder order among equal remainders: f-ads 1,944.34, f-brand 1,944.33, blank 1,944.33.
     * <li>Beta, package: 150,000 s x 0.005 = 750.00 = 75,000 cents. Jobs: g-1 300.5 s, g-2 100 s (400.5 s).
     * g-1: 75,000 x 300.5 / 400.5 = 56,273.408; g-2: 18,726.592. Truncated 56,273 + 18,726 = 74,999; the cent left goes to
     * the larger remainder, g-2: g-1 562.73, g-2 187.27.
     * <li>Delta, usage-based: 500,000 s, under the pool: 5,000.00; no jobs: one blank share of 5,000.00.
     * </ul>
     * Marketing (budget 8,000) holds Acme whole and Beta's g-2: 1,944.34 + 1,944.33 + 187.27 = 4,075.94, 50.94925% = 50.9.
     * "=Brand" (budget 2,000) holds Acme's f-brand (the folder's centre wins over the account's): 1,944.33, 97.2165% =
     * 97.2. Unassigned: Beta's g-1 562.73 and Delta's 5,000.00. All three accounts: 11,583.00.
     */
    @BeforeEach
    void october() {
        if (acme != 0) {
            return;
        }
        acme = ShowbackSetup.usageBased("Showback Acme");
        ShowbackSetup.usage(acme, "[{\"month\":\"2026-10\",\"seconds\":\"700000\"}]");
        ShowbackSetup.jobSeconds(acme, LocalDate.of(2026, 10, 15), Map.of("f-ads", "60", "f-brand", "100", "", "100"));
        ShowbackSetup.jobSeconds(acme, LocalDate.of(2026, 10, 31), Map.of("f-ads", "40"));
        ShowbackSetup.jobSeconds(acme, LocalDate.of(2026, 11, 1), Map.of("f-ads", "5000")); // November's: no weight in October
        ShowbackSetup.folderName(acme, "f-ads", "Ads");
        ShowbackSetup.folderName(acme, "f-brand", "Brand videos");
        beta = ShowbackSetup.dollarPackage("Showback Beta", "2026-01-01");
        ShowbackSetup.usage(beta, "[{\"month\":\"2026-10\",\"seconds\":\"150000\"}]");
        ShowbackSetup.jobSeconds(beta, LocalDate.of(2026, 10, 2), Map.of("g-1", "300.5", "g-2", "100"));
        delta = ShowbackSetup.usageBased("Showback Delta");
        ShowbackSetup.usage(delta, "[{\"month\":\"2026-10\",\"seconds\":\"500000\"}]");
        Api.createAccount(Api.uniqueName("Showback no contract"), null);

        marketing = Api.uniqueName("Marketing");
        marketingId = ShowbackSetup.centre("{\"name\":\"" + marketing + "\",\"monthlyBudgetUsd\":\"8000\",\"members\":["
                + "{\"accountId\":" + acme + "},{\"accountId\":" + beta + ",\"folderId\":\"g-2\"}]}");
        brand = Api.uniqueName("=Brand");
        brandId = ShowbackSetup.centre("{\"name\":\"" + brand + "\",\"monthlyBudgetUsd\":2000,\"members\":["
                + "{\"accountId\":" + acme + ",\"folderId\":\"f-brand\"}]}");
    }

    private static JsonPath json(String month) {
        String body = Api.admin().get("/api/showback" + (month == null ? "" : "?month=" + month)).then().statusCode(200)
                .extract().asString();
        return JsonPath.from(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private static Map<String, Object> centre(JsonPath json, long id) {
        return json.getMap("centres.find { it.id == " + id + " }");
    }

    /** "accountId/folderId folderName jobSeconds spendUsd" per line. */
    @SuppressWarnings("unchecked")
    private static List<String> lines(Map<String, Object> owner, Set<Long> accounts) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> l : (List<Map<String, Object>>) owner.get("lines")) {
            if (accounts.contains(((Number) l.get("accountId")).longValue())) {
                out.add(l.get("accountId") + "/" + l.get("folderId") + " " + l.get("folderName") + " "
                        + ((BigDecimal) l.get("jobSeconds")).stripTrailingZeros().toPlainString() + " " + l.get("spendUsd"));
            }
        }
        return out;
    }

    @Test
    void octoberIsSharedToTheCentAsWorkedByHand() {
        JsonPath json = json(OCTOBER);
        assertEquals(OCTOBER, json.getString("month"));
        assertEquals("CLOSED", json.getString("status"));
        Set<Long> mine = Set.of(acme, beta, delta);

        Map<String, Object> m = centre(json, marketingId);
        assertEquals(marketing, m.get("name"));
        assertEquals("4075.94", m.get("spendUsd").toString());
        assertEquals("8000.00", m.get("monthlyBudgetUsd").toString());
        assertEquals("50.9", m.get("budgetUsedPct").toString());
        assertFalse(m.containsKey("projectedUsd"), "no projection once CLOSED");
        assertEquals(List.of(acme + "/f-ads Ads 100 1944.34", acme + "/ No folder 100 1944.33",
                beta + "/g-2 g-2 100 187.27"), lines(m, mine));

        Map<String, Object> b = centre(json, brandId);
        assertEquals("1944.33", b.get("spendUsd").toString());
        assertEquals("97.2", b.get("budgetUsedPct").toString());
        assertEquals(List.of(acme + "/f-brand Brand videos 100 1944.33"), lines(b, mine));

        Map<String, Object> unassigned = json.getMap("unassigned");
        assertEquals(List.of(beta + "/g-1 g-1 300.5 562.73", delta + "/ No folder 0 5000.00"), lines(unassigned, mine));
        assertFalse(unassigned.containsKey("projectedUsd"));

        // every account of the database is in the month: the centres and the unassigned add up to the total
        BigDecimal sum = new BigDecimal(unassigned.get("spendUsd").toString());
        BigDecimal mineTotal = BigDecimal.ZERO;
        for (Map<String, Object> c : json.<Map<String, Object>>getList("centres")) {
            sum = sum.add(new BigDecimal(c.get("spendUsd").toString()));
        }
        for (Map<String, Object> owner : json.<Map<String, Object>>getList("centres")) {
            mineTotal = mineTotal.add(spendOf(owner, mine));
        }
        mineTotal = mineTotal.add(spendOf(unassigned, mine));
        assertEquals(new BigDecimal(json.getString("totalUsd")), sum);
        assertEquals(new BigDecimal("11583.00"), mineTotal, "5,833.00 + 750.00 + 5,000.00");

        // the centres by name (case aside)
        List<String> names = json.getList("centres.name");
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        assertEquals(sorted, names);
    }

    @SuppressWarnings("unchecked")
    private static BigDecimal spendOf(Map<String, Object> owner, Set<Long> accounts) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map<String, Object> l : (List<Map<String, Object>>) owner.get("lines")) {
            if (accounts.contains(((Number) l.get("accountId")).longValue())) {
                sum = sum.add(new BigDecimal(l.get("spendUsd").toString()));
            }
        }
        return sum;
    }

    @Test
    void theCsvHasOneRowPerCentreAccountAndFolderWithTheApisFigures() throws Exception {
        Users.ensureViewer();
        String csv = Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD).get("/showback.csv?month=" + OCTOBER).then()
                .statusCode(200).header("Content-Disposition", "attachment; filename=\"showback-2026-10.csv\"")
                .extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        assertEquals(List.of("month", "cost_centre", "account_id", "account", "folder_id", "folder", "job_seconds", "spend_usd"),
                rows.get(0).toList());
        assertTrue(csv.contains("\r\n"), "CRLF");
        List<String> mine = new ArrayList<>();
        Set<String> ids = Set.of(String.valueOf(acme), String.valueOf(beta), String.valueOf(delta));
        for (CSVRecord r : rows.subList(1, rows.size())) {
            if (ids.contains(r.get(2))) {
                mine.add(String.join("|", r.get(0), r.get(1), r.get(2), r.get(4), r.get(5), r.get(6), r.get(7)));
            }
        }
        String defused = "'" + brand; // a name starting with "=" is not run as a formula
        assertEquals(List.of(
                defused + "|" + acme + "|f-brand|Brand videos|100.000|1944.33",
                marketing + "|" + acme + "|f-ads|Ads|100.000|1944.34",
                marketing + "|" + acme + "||No folder|100.000|1944.33",
                marketing + "|" + beta + "|g-2|g-2|100.000|187.27",
                "UNASSIGNED|" + beta + "|g-1|g-1|300.500|562.73",
                "UNASSIGNED|" + delta + "||No folder|0.000|5000.00"),
                mine.stream().map(r -> r.substring(OCTOBER.length() + 1)).toList(), "centres by name (\"=\" first), then the unassigned");
        assertTrue(mine.stream().allMatch(r -> r.startsWith(OCTOBER + "|")));

        // every row of the CSV is a line of the API's month, with the same figures
        JsonPath json = json(OCTOBER);
        Set<String> api = new HashSet<>();
        for (Map<String, Object> c : json.<Map<String, Object>>getList("centres")) {
            for (String l : lines(c, allAccounts(json))) {
                api.add(c.get("name") + " " + l);
            }
        }
        for (String l : lines(json.getMap("unassigned"), allAccounts(json))) {
            api.add("UNASSIGNED " + l);
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (CSVRecord r : rows.subList(1, rows.size())) {
            String owner = r.get(1).startsWith("'") ? r.get(1).substring(1) : r.get(1);
            assertTrue(api.contains(owner + " " + r.get(2) + "/" + r.get(4) + " " + r.get(5) + " "
                    + new BigDecimal(r.get(6)).stripTrailingZeros().toPlainString() + " " + r.get(7)), r.toString());
            sum = sum.add(new BigDecimal(r.get(7)));
        }
        assertEquals(api.size(), rows.size() - 1);
        assertEquals(new BigDecimal(json.getString("totalUsd")), sum, "the rows add up to the month's total");
    }

    private static Set<Long> allAccounts(JsonPath json) {
        Set<Long> all = new HashSet<>();
        json.<Number>getList("centres.lines.flatten().accountId").forEach(n -> all.add(n.longValue()));
        json.<Number>getList("unassigned.lines.accountId").forEach(n -> all.add(n.longValue()));
        return all;
    }

    @Test
    void thePdfShowsEachCentresFiguresAsThePagesFormatThem() throws Exception {
        byte[] pdf = Browser.admin().get("/showback.pdf?month=" + OCTOBER).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        java.nio.file.Files.write(java.nio.file.Path.of("target", "showback-2026-10.pdf"), pdf); // to look at with pdftoppm
        String text = pdfText(pdf);
        for (String expected : List.of("Showback: Oct 2026", "Closed month", marketing, brand, "$4,075.94", "$8,000.00", "50.9%",
                "$1,944.34", "$1,944.33", "97.2%", "$187.27", "Unassigned", "$562.73", "$5,000.00", "Brand videos", "No folder")) {
            assertTrue(text.contains(expected), expected + " in:\n" + text);
        }
        String total = Formats.usd(new BigDecimal(json(OCTOBER).getString("totalUsd")));
        assertTrue(text.contains("Every account's cost in Oct 2026: " + total), total + " in:\n" + text);
    }

    @Test
    void thisMonthIsOpenWithProjectionsAndTheApiCsvAndPdfAgree() throws Exception {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        long open = ShowbackSetup.dollarPackage("Showback open", now.minusMonths(1).atDay(1).toString());
        ShowbackSetup.usage(open, "[{\"month\":\"" + now + "\",\"usd\":\"321.09\"}]");
        ShowbackSetup.jobSeconds(open, LocalDate.now(ZoneOffset.UTC), Map.of("h-1", "1", "h-2", "2"));
        long id = ShowbackSetup.centre("{\"name\":\"" + Api.uniqueName("Open") + "\",\"monthlyBudgetUsd\":100,\"members\":["
                + "{\"accountId\":" + open + "}]}");

        JsonPath json = json(null);
        assertEquals(now.toString(), json.getString("month"), "this month by default");
        assertEquals("OPEN", json.getString("status"));
        Map<String, Object> centre = centre(json, id);
        // 32,109 cents by 1 : 2 = 10,703 and 21,406
        assertEquals(List.of(open + "/h-1 h-1 1 107.03", open + "/h-2 h-2 2 214.06"), lines(centre, Set.of(open)));
        assertEquals("321.09", centre.get("spendUsd").toString());
        assertEquals("321.1", centre.get("budgetUsedPct").toString());
        BigDecimal projected = new BigDecimal(centre.get("projectedUsd").toString());
        assertTrue(projected.compareTo(new BigDecimal("321.09")) >= 0, "a package's projection is its drawdown so far or more");
        assertNotNull(json.getMap("unassigned").get("projectedUsd"));

        String csv = Browser.admin().get("/showback.csv").then().statusCode(200).extract().asString();
        assertTrue(csv.contains(now + "," + centre.get("name") + "," + open + ",") && csv.contains(",h-2,h-2,2.000,214.06\r\n"), csv);
        String pdf = pdfText(Browser.admin().get("/showback.pdf").then().statusCode(200).extract().asByteArray());
        assertTrue(pdf.contains("Open month") && pdf.contains(Formats.usd(projected)) && pdf.contains("321.1%"), pdf);
    }

    @Test
    void aBadMonthOrOneAfterThisIs400NamingIt() {
        String next = YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();
        for (String bad : List.of("2026-13", "26-10", "October", next)) {
            Api.admin().get("/api/showback?month=" + bad).then().statusCode(400).body("error.field", equalTo("month"));
            Browser.admin().get("/showback.csv?month=" + bad).then().statusCode(400);
            Browser.admin().get("/showback.pdf?month=" + bad).then().statusCode(400);
        }
        Api.admin().get("/api/showback?month=1999-12").then().statusCode(400).body("error.field", equalTo("month"));
        assertNull(json("2020-01").get("centres.find { it.id == -1 }"));
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(document);
        }
    }
}
