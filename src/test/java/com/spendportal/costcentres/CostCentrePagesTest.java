package com.spendportal.costcentres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.showback.ShowbackCalculator.CentreMonth;
import com.spendportal.showback.ShowbackCalculator.Showback;
import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.Users;
import com.spendportal.web.DataVersion;
import com.spendportal.web.Formats;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * {@code /cost-centres} and {@code /cost-centres/{id}} (DESIGN §19): the figures are {@link Showbacks}' and, on a small
 * setup, the cents worked out by hand; the forms store what is valid and refuse the rest beside the field, storing
 * nothing; viewers read and cannot post.
 */
@QuarkusTest
class CostCentrePagesTest {

    /** A closed month, whatever today is. */
    static final YearMonth CLOSED = YearMonth.now(ZoneOffset.UTC).minusMonths(2);

    @Inject
    Showbacks showbacks;

    /** A $1,000 dollar package over {@link #CLOSED} and this month, with {@code usd} drawn down in {@code month}. */
    static long packageAccount(String name, YearMonth month, String usd) {
        long id = Api.createAccount(Api.uniqueName(name), null);
        Api.admin().body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"" + CLOSED.minusMonths(1).atDay(1)
                + "\",\"termMonths\":12,\"packageUsd\":\"1000.00\"}").put("/api/accounts/" + id + "/contract").then()
                .statusCode(200);
        Api.admin().body("[{\"month\":\"" + month + "\",\"usd\":\"" + usd + "\"}]").post("/api/accounts/" + id + "/usage")
                .then().statusCode(200);
        return id;
    }

    /** Completed job seconds of a folder on a day, and its name when given, as the job sync leaves them. */
    static void jobs(long accountId, LocalDate day, String folderId, String seconds, String name) {
        QuarkusTransaction.requiringNew().run(() -> {
            Panache.getEntityManager().createNativeQuery("INSERT INTO job_day (account_id, job_day, folder_id, kind, jobs, seconds)"
                    + " VALUES (?1, ?2, ?3, 'VIDEO', 1, ?4)").setParameter(1, accountId).setParameter(2, day)
                    .setParameter(3, folderId).setParameter(4, new BigDecimal(seconds)).executeUpdate();
            if (name != null) {
                Panache.getEntityManager().createNativeQuery("INSERT INTO job_folder (account_id, folder_id, name) VALUES (?1, ?2, ?3)")
                        .setParameter(1, accountId).setParameter(2, folderId).setParameter(3, name).executeUpdate();
            }
            DataVersion.bump();
        });
    }

    /** Creates a centre through its form; returns its id. */
    static long createCentre(Browser admin, String name, String budget) {
        Response created = admin.post("/cost-centres", Map.of("name", name, "ownerEmail", "", "monthlyBudgetUsd", budget));
        assertEquals(303, created.statusCode(), created.asString());
        return Long.parseLong(created.header("Location").replaceAll(".*/cost-centres/", ""));
    }

    static void addMember(Browser admin, long centre, String option) {
        Response added = admin.post("/cost-centres/" + centre + "/members", Map.of("member", option));
        assertEquals(303, added.statusCode(), added.asString());
    }

    private Showback showback(YearMonth month) {
        return QuarkusTransaction.requiringNew().call(() -> showbacks.month(month).showback());
    }

    private static Element row(Document page, String name) {
        return page.select("table.cost-centres tbody tr").stream().filter(r -> r.select("th").text().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + name + " in " + page.select("table.cost-centres").text()));
    }

    private static String cell(Element row, String label) {
        return row.select("td[data-label=" + label + "]").first().text();
    }

    @Test
    void aClosedMonthShowsTheCentsWorkedOutByHandAndShowbacksFigures() {
        Browser admin = Browser.admin();
        long account = packageAccount("Shared", CLOSED, "100.00");
        LocalDate day = CLOSED.atDay(5);
        jobs(account, day, "fld_a", "10", "Alpha folder");
        jobs(account, day, "fld_b", "10", null);
        jobs(account, day, "fld_c", "10", null);
        String alpha = Api.uniqueName("Alpha");
        String beta = Api.uniqueName("Beta");
        long alphaId = createCentre(admin, alpha, "$50");
        long betaId = createCentre(admin, beta, "40");
        addMember(admin, alphaId, account + ":fld_a");
        addMember(admin, alphaId, account + ":fld_b");
        addMember(admin, betaId, Long.toString(account));

        // $100.00 over three folders of 10 s each: 33.33 each and one cent left, given to fld_a (equal remainders, the
        // smallest folder id first). Alpha holds fld_a and fld_b, Beta the whole account, so fld_c.
        Document page = admin.page("/cost-centres?month=" + CLOSED);
        Element a = row(page, alpha);
        assertEquals("$66.67", cell(a, "Spend"));
        assertEquals("$50.00", cell(a, "Budget"));
        assertTrue(cell(a, "Budget used").startsWith("133.3%"), cell(a, "Budget used")); // 66.67 * 100 / 50
        assertFalse(a.select(".badge-bad").isEmpty(), "over budget");
        Element b = row(page, beta);
        assertEquals("$33.33", cell(b, "Spend"));
        assertTrue(cell(b, "Budget used").startsWith("83.3%"), cell(b, "Budget used")); // 33.33 * 100 / 40
        assertTrue(b.select(".badge-bad").isEmpty() && !b.select(".badge-warn").isEmpty(), "80% or more, not over");
        assertTrue(page.select("table.cost-centres th:contains(Projected)").isEmpty(), "a closed month has no projection");

        // Every figure is the showback's, the unassigned line and the total included.
        Showback showback = showback(CLOSED);
        for (CentreMonth c : showback.centres()) {
            assertEquals(Formats.usd(c.spendUsd()), cell(row(page, c.centre().name()), "Spend"), c.centre().name());
        }
        assertEquals(Formats.usd(showback.unassigned().spendUsd()), cell(row(page, "Unassigned"), "Spend"));
        assertEquals(Formats.usd(showback.totalUsd()), cell(row(page, "Total"), "Spend"));
        assertNotNull(page.selectFirst("a[href=/showback.csv?month=" + CLOSED + "]"));
        assertNotNull(page.selectFirst("a[href=/showback.pdf?month=" + CLOSED + "]"));

        // The centre's page: its members with their names, and the month by member.
        Document alphaPage = admin.page("/cost-centres/" + alphaId);
        assertTrue(alphaPage.select("table.members").text().contains("Alpha folder"));
        assertTrue(alphaPage.select("table.members").text().contains("fld_b"), "a folder whose name was not read shows its id");
        Element month = alphaPage.select("table.months tbody tr").stream()
                .filter(r -> r.select("th").text().equals(Formats.label(CLOSED))).findFirst().orElseThrow();
        assertEquals(12, alphaPage.select("table.months tbody tr").size());
        assertEquals("$66.67", cell(month, "Spend"));
        List<String> byMember = month.select("td.num").eachText();
        assertEquals(List.of("$66.67", "$33.34", "$33.33"), byMember, "the total, then fld_a (Alpha folder) and fld_b");
        Document betaPage = admin.page("/cost-centres/" + betaId);
        Element betaMonth = betaPage.select("table.months tbody tr").stream()
                .filter(r -> r.select("th").text().equals(Formats.label(CLOSED))).findFirst().orElseThrow();
        assertEquals(List.of("$33.33", "$33.33"), betaMonth.select("td.num").eachText(), "the whole account holds fld_c");
    }

    @Test
    void theOpenMonthShowsTheProjectionAndTheDashboardSaysSo() {
        Browser admin = Browser.admin();
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long account = packageAccount("Busy", now, "31.00");
        jobs(account, today, "fld_p", "1.5", "Promo");
        String gamma = "A watched " + Api.uniqueName("centre");
        long gammaId = createCentre(admin, gamma, "30");
        addMember(admin, gammaId, account + ":fld_p");

        // A package's projection: round2(drawdown * activeDays / elapsedDays), the whole month in the term.
        BigDecimal projected = new BigDecimal("31.00").multiply(BigDecimal.valueOf(now.lengthOfMonth()))
                .divide(BigDecimal.valueOf(today.getDayOfMonth()), 2, RoundingMode.HALF_UP);
        Document page = admin.page("/cost-centres");
        Element g = row(page, gamma);
        assertEquals("$31.00", cell(g, "Spend"));
        assertTrue(cell(g, "Budget used").startsWith("103.3%"), cell(g, "Budget used")); // 31.00 * 100 / 30
        assertTrue(cell(g, "Projected").startsWith(Formats.usd(projected)), cell(g, "Projected"));
        Showback showback = showback(now);
        assertEquals(Formats.usd(showback.projectedTotalUsd()), cell(row(page, "Total"), "Projected"));
        assertEquals(Formats.usd(showback.unassigned().projectedUsd()), cell(row(page, "Unassigned"), "Projected"));

        Document dashboard = admin.page("/");
        Element notice = dashboard.selectFirst(".budget-notice");
        assertNotNull(notice, "the dashboard names centres near or over their budget");
        assertTrue(notice.text().contains(gamma + " has used 103.3% of its $30.00 and is projected at "
                + Formats.usd(projected)), notice.text());
        assertNotNull(notice.selectFirst("a[href=/cost-centres]"));
        assertEquals(notice.outerHtml(), admin.page("/").selectFirst(".budget-notice").outerHtml(), "kept, the same");
    }

    @Test
    void badInputIsRefusedBesideTheFieldAndNothingIsStored() {
        Browser admin = Browser.admin();
        long before = QuarkusTransaction.requiringNew().call(() -> CostCentre.count());
        Response refused = admin.post("/cost-centres", Map.of("name", " ", "ownerEmail", "not-an-address",
                "monthlyBudgetUsd", "-5"));
        assertEquals(400, refused.statusCode());
        Document page = Jsoup.parse(refused.asString());
        assertFalse(page.select("#e-name").text().isEmpty());
        assertFalse(page.select("#e-ownerEmail").text().isEmpty());
        assertFalse(page.select("#e-monthlyBudgetUsd").text().isEmpty());
        assertEquals("not-an-address", page.select("#f-ownerEmail").attr("value"), "the typed value is kept");
        assertEquals(before, QuarkusTransaction.requiringNew().call(() -> CostCentre.count()));

        String name = Api.uniqueName("Unique");
        long id = createCentre(admin, name, "");
        Response same = admin.post("/cost-centres", Map.of("name", name.toUpperCase(), "monthlyBudgetUsd", "10"));
        assertEquals(400, same.statusCode());
        assertTrue(Jsoup.parse(same.asString()).select("#e-name").text().contains("already called"));

        Response badEdit = admin.post("/cost-centres/" + id + "/edit", Map.of("name", name, "monthlyBudgetUsd", "0"));
        assertEquals(400, badEdit.statusCode());
        assertFalse(Jsoup.parse(badEdit.asString()).select("#e-monthlyBudgetUsd").text().isEmpty());
        assertEquals(null, QuarkusTransaction.requiringNew().call(() -> CostCentre.<CostCentre>findById(id).monthlyBudgetUsd));
        Response edited = admin.post("/cost-centres/" + id + "/edit", Map.of("name", name + " EU",
                "ownerEmail", "lead@example.com", "monthlyBudgetUsd", "1,200.50"));
        assertEquals(303, edited.statusCode());
        CostCentre saved = QuarkusTransaction.requiringNew().call(() -> CostCentre.<CostCentre>findById(id));
        assertEquals(name + " EU", saved.name);
        assertEquals("lead@example.com", saved.ownerEmail);
        assertEquals(new BigDecimal("1200.50"), saved.monthlyBudgetUsd);
        Api.admin().queryParam("action", "costcentre.update").queryParam("target", CostCentres.target(id))
                .get("/api/audit").then().statusCode(200).body("size()", org.hamcrest.Matchers.is(1));

        Response badMonth = admin.get("/cost-centres?month=2026-13");
        assertEquals(400, badMonth.statusCode());
        assertTrue(Jsoup.parse(badMonth.asString()).select("#e-month").text().startsWith("Must be a month"));
        YearMonth next = YearMonth.now(ZoneOffset.UTC).plusMonths(1);
        Response future = admin.get("/cost-centres?month=" + next);
        assertEquals(400, future.statusCode());
        assertTrue(Jsoup.parse(future.asString()).select("#e-month").text().contains("has not begun"));
        assertEquals(404, admin.get("/cost-centres/987654321").statusCode());
    }

    @Test
    void aMemberHeldElsewhereIsRefusedWithItsNameAndRemovingAndDeletingWork() {
        Browser admin = Browser.admin();
        long account = packageAccount("Held", CLOSED, "10.00");
        jobs(account, CLOSED.atDay(3), "fld_h", "5", "Help desk");
        String holder = Api.uniqueName("Holder");
        long holderId = createCentre(admin, holder, "");
        long otherId = createCentre(admin, Api.uniqueName("Other"), "");
        addMember(admin, holderId, account + ":fld_h");
        addMember(admin, otherId, Long.toString(account));

        Response folder = admin.post("/cost-centres/" + otherId + "/members", Map.of("member", account + ":fld_h"));
        assertEquals(400, folder.statusCode());
        String message = Jsoup.parse(folder.asString()).select("#e-member").text();
        assertTrue(message.contains("Help desk") && message.contains(holder), message);
        Response whole = admin.post("/cost-centres/" + holderId + "/members", Map.of("member", Long.toString(account)));
        assertEquals(400, whole.statusCode());
        assertTrue(Jsoup.parse(whole.asString()).select("#e-member").text().contains("is already in cost centre"));
        assertEquals(400, admin.post("/cost-centres/" + holderId + "/members", Map.of("member", "x")).statusCode());
        assertEquals(List.of(new CostCentreInput.Member(account, "fld_h")),
                QuarkusTransaction.requiringNew().call(() -> CostCentres.memberInputs(holderId)), "nothing stored");
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> CostCentres.memberInputs(otherId)).size());

        // The option of a folder another centre holds says which.
        Document otherPage = admin.page("/cost-centres/" + otherId);
        assertTrue(otherPage.select("#f-member option[value=" + account + ":fld_h]").text().endsWith("(in " + holder + ")"));

        long memberId = QuarkusTransaction.requiringNew().call(() -> CostCentreMember.forCentre(holderId).get(0).id);
        assertEquals(303, admin.post("/cost-centres/" + holderId + "/members/remove", Map.of("member", Long.toString(memberId)))
                .statusCode());
        assertTrue(QuarkusTransaction.requiringNew().call(() -> CostCentres.memberInputs(holderId)).isEmpty());

        assertTrue(admin.page("/cost-centres/" + otherId + "/delete").text().contains("1 member goes back"));
        assertEquals(303, admin.post("/cost-centres/" + otherId + "/delete", Map.of()).statusCode());
        assertEquals(404, admin.get("/cost-centres/" + otherId).statusCode());
        // The account's $10.00 is unassigned now: the list names the largest unassigned shares, largest first.
        List<BigDecimal> shares = admin.page("/cost-centres?month=" + CLOSED).select(".unassigned-shares td[data-label=Spend]")
                .eachText().stream().map(t -> new BigDecimal(t.replaceAll("[$,]", ""))).toList();
        assertTrue(!shares.isEmpty() && shares.size() <= CostCentreViews.UNASSIGNED_SHOWN, shares.toString());
        assertEquals(shares.stream().sorted(java.util.Comparator.reverseOrder()).toList(), shares);
        BigDecimal ten = new BigDecimal("10.00");
        assertTrue(shares.contains(ten) || shares.size() == CostCentreViews.UNASSIGNED_SHOWN
                && shares.get(shares.size() - 1).compareTo(ten) >= 0, shares.toString());
        Api.admin().queryParam("action", "costcentre.delete").queryParam("target", CostCentres.target(otherId))
                .get("/api/audit").then().statusCode(200).body("size()", org.hamcrest.Matchers.is(1));
    }

    @Test
    void viewersSeeEverythingButTheFormsAndCannotPost() {
        Users.ensureViewer();
        Browser admin = Browser.admin();
        long id = createCentre(admin, Api.uniqueName("Viewed"), "100");
        Browser viewer = Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD);
        for (String path : List.of("/cost-centres", "/cost-centres/" + id)) {
            Document page = viewer.page(path);
            assertEquals(List.of("/logout"), page.select("form[method=post]").eachAttr("action"), path);
        }
        assertFalse(viewer.page("/cost-centres").select("a[href=/cost-centres/" + id + "]").isEmpty());
        assertEquals(403, viewer.get("/cost-centres/" + id + "/delete").statusCode());
        Map<String, Map<String, String>> posts = Map.of("/cost-centres", Map.of("name", "Viewer's"),
                "/cost-centres/" + id + "/edit", Map.of("name", "Renamed"),
                "/cost-centres/" + id + "/members", Map.of("member", "1"),
                "/cost-centres/" + id + "/members/remove", Map.of("member", "1"),
                "/cost-centres/" + id + "/delete", Map.of());
        posts.forEach((path, form) -> assertEquals(403, viewer.post(path, form).statusCode(), path));
        assertEquals(200, admin.get("/cost-centres/" + id).statusCode(), "still there");
    }
}
