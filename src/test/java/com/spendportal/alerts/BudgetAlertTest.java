package com.spendportal.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.spendportal.alerts.AlertChecker.Key;
import com.spendportal.showback.ShowbackCalculator.Centre;
import com.spendportal.showback.ShowbackCalculator.CentreMonth;
import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The budget alerts and the monthly showback mail of DESIGN §19, on GreenMail: each alert fires once (two checks at
 * the same time included) to every channel and to the centre's owner, resolves when the budget is raised; the owner
 * gets the closed month once, with the centre's PDF and CSV. Across two instances on PostgreSQL: {@code TwoInstancesTest}.
 */
@QuarkusTest
class BudgetAlertTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(3465, "localhost", ServerSetup.PROTOCOL_SMTP));

    private static final BigDecimal BUDGET = new BigDecimal("100.00");

    @Inject
    AlertChecker checker;

    @Inject
    BudgetAlerts budgets;

    @Inject
    ShowbackMails showbackMails;

    @Inject
    AlertRows rows;

    private static CentreMonth month(String spend, String projected, String pct, BigDecimal budget) {
        return new CentreMonth(new Centre(1, "Ops", budget), new BigDecimal(spend), projected == null ? null
                : new BigDecimal(projected), pct == null ? null : new BigDecimal(pct), List.of());
    }

    private static Set<Alert.Type> types(Map<Key, String> conditions) {
        return conditions.keySet().stream().map(Key::type).collect(Collectors.toSet());
    }

    @Test
    void theConditionsAreTheUsedPercentageAsShownAndAProjectionOverTheBudget() {
        YearMonth dec = YearMonth.of(2026, 12);
        assertEquals(Set.of(), types(BudgetAlerts.conditions(month("79.99", "100.00", "80.0", BUDGET), dec)),
                "79.99 of 100 (shown 80.0%) is not yet 80%, and a projection at the budget is not over it");
        assertEquals(Set.of(Alert.Type.BUDGET_80), types(BudgetAlerts.conditions(month("80.00", "99.99", "80.0", BUDGET), dec)));
        assertEquals(Set.of(Alert.Type.BUDGET_80, Alert.Type.BUDGET_PROJECTED),
                types(BudgetAlerts.conditions(month("99.99", "100.01", "100.0", BUDGET), dec)), "99.99 is not yet 100%");
        assertEquals(Set.of(Alert.Type.BUDGET_80, Alert.Type.BUDGET_100),
                types(BudgetAlerts.conditions(month("100.00", "100.00", "100.0", BUDGET), dec)));
        Map<Key, String> all = BudgetAlerts.conditions(month("120.00", "310.00", "120.0", BUDGET), dec);
        assertEquals(Set.of(Alert.Type.BUDGET_80, Alert.Type.BUDGET_100, Alert.Type.BUDGET_PROJECTED), types(all));
        assertTrue(all.keySet().stream().allMatch(k -> k.period().equals("2026-12")));
        assertEquals("Dec 2026: $120.00 spent of the $100.00 budget (120.0%).", all.get(new Key(Alert.Type.BUDGET_100, "2026-12")));
        assertEquals("Dec 2026: at this month's pace $310.00 by the month's end, $210.00 over the $100.00 budget ($120.00 so far).",
                all.get(new Key(Alert.Type.BUDGET_PROJECTED, "2026-12")));
        assertEquals(Set.of(), types(BudgetAlerts.conditions(month("5000.00", "9000.00", null, null), dec)), "no budget, no alert");
    }

    /**
     * A package account spent $120.00 this month (its drawdown so far, a blank share: no jobs); its centre's budget is
     * $100.00: 120.0% used, and the projection is at least the spend so far, so all three fire. A budget of $1,000,000
     * resolves them.
     */
    @Test
    void eachBudgetAlertFiresOnceToEveryChannelAndTheOwnerAndResolves() throws Exception {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        long account = Api.createAccount(Api.uniqueName("Budget"), null);
        Api.admin().body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"" + now.minusMonths(1).atDay(1) + "\",\"termMonths\":12,"
                + "\"packageUsd\":\"50000.00\"}").put("/api/accounts/" + account + "/contract").then().statusCode(200);
        Api.admin().body("[{\"month\":\"" + now + "\",\"usd\":\"120.00\"}]").post("/api/accounts/" + account + "/usage").then()
                .statusCode(200);
        String owner = "owner-" + UUID.randomUUID() + "@example.com";
        String name = Api.uniqueName("Over budget");
        long centre = Api.admin().body("{\"name\":\"" + name + "\",\"ownerEmail\":\"" + owner + "\",\"monthlyBudgetUsd\":100,"
                + "\"members\":[{\"accountId\":" + account + "}]}").post("/api/cost-centres").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        String channelAddress = "budget-channel-" + UUID.randomUUID() + "@example.com";
        NotificationChannel channel = rows.channel(NotificationChannel.Kind.EMAIL, channelAddress, null);
        try {
            // two checks at once on this instance: the centre's lock lets one decide
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> budgets.check(centre));
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> budgets.check(centre));
            assertEquals(3, first.get() + second.get(), "three transitions in all");
            checker.checkAll();
            assertEquals(0, budgets.check(centre), "nothing more to fire");

            List<Alert> alerts = alertsOf(centre);
            assertEquals(List.of("BUDGET_100 FIRING " + now, "BUDGET_80 FIRING " + now, "BUDGET_PROJECTED FIRING " + now),
                    alerts.stream().map(a -> a.type + " " + a.state + " " + a.period).sorted().toList());
            List<AlertDelivery> toOwner = deliveriesTo(owner);
            assertEquals(3, toOwner.size());
            assertEquals(3, AlertRows.deliveriesTo(channel.id).size());
            for (AlertDelivery d : toOwner) {
                assertEquals(AlertDelivery.State.DELIVERED, rows.deliverUntilSettled(d.id, Duration.ofSeconds(30)).state);
            }
            List<MimeMessage> mails = mailsTo(owner);
            assertEquals(List.of("[Spend Portal] BUDGET_100 firing: cost centre " + name,
                    "[Spend Portal] BUDGET_80 firing: cost centre " + name,
                    "[Spend Portal] BUDGET_PROJECTED firing: cost centre " + name),
                    mails.stream().map(BudgetAlertTest::subject).sorted().toList());
            String text = MailDeliveryTest.part(mails.get(0), "text/plain");
            assertTrue(text.contains("The cost centre: http://localhost:8080/cost-centres/" + centre), text);
            assertTrue(MailDeliveryTest.part(mails.get(0), "text/html").contains("/cost-centres/" + centre + "\""));

            // the API and the page show them with the centre's name
            Api.admin().get("/api/alerts?state=FIRING").then().statusCode(200);
            List<Map<String, Object>> firing = Api.admin().get("/api/alerts?state=FIRING").then().extract().jsonPath()
                    .getList("findAll { it.costCentreId == " + centre + " }");
            assertEquals(3, firing.size());
            assertTrue(firing.stream().allMatch(a -> name.equals(a.get("costCentreName")) && a.get("accountId") == null), firing.toString());
            String page = Browser.admin().page("/alerts").select("table.alerts-firing").text();
            assertTrue(page.contains("Cost centre " + name), page);
            assertTrue(Browser.admin().page("/alerts").select("table.deliveries").text().contains(owner + " (cost centre owner)"));

            Api.admin().body("{\"monthlyBudgetUsd\":1000000}").patch("/api/cost-centres/" + centre).then().statusCode(200);
            assertEquals(3, budgets.check(centre));
            checker.checkAll();
            assertTrue(alertsOf(centre).stream().allMatch(a -> a.state == Alert.State.RESOLVED && a.resolvedAt != null));
            assertEquals(6, deliveriesTo(owner).size(), "each resolution told the owner once");
            assertEquals(List.of(AlertDelivery.FIRED, AlertDelivery.FIRED, AlertDelivery.FIRED, AlertDelivery.RESOLVED,
                    AlertDelivery.RESOLVED, AlertDelivery.RESOLVED), AlertRows.deliveriesTo(channel.id).stream()
                    .map(d -> d.eventType).toList());

            // a centre deleted takes its alerts with it
            Api.admin().delete("/api/cost-centres/" + centre).then().statusCode(204);
            assertTrue(alertsOf(centre).isEmpty());
        } finally {
            AlertRows.remove(channel);
        }
    }

    /** October 2026 (CLOSED): a package's 750.00 (150,000 s x 0.005), shared 1 : 3 by job seconds: 187.50 and 562.50. */
    @Test
    void theOwnerGetsTheClosedMonthOnceWithTheCentresPdfAndCsv() throws Exception {
        long account = Api.createAccount(Api.uniqueName("Mailed"), null);
        Api.admin().body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"packageUsd\":\"120000.00\","
                + "\"contractRatePerSecond\":\"0.0050\"}").put("/api/accounts/" + account + "/contract").then().statusCode(200);
        Api.admin().body("[{\"month\":\"2026-10\",\"seconds\":\"150000\"}]").post("/api/accounts/" + account + "/usage").then()
                .statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> {
            for (String[] row : new String[][] {{"m-1", "10"}, {"m-2", "30"}}) {
                Panache.getEntityManager().createNativeQuery("INSERT INTO job_day (account_id, job_day, folder_id, kind, jobs, seconds)"
                        + " VALUES (?1, ?2, ?3, 'video', 1, ?4)").setParameter(1, account).setParameter(2, LocalDate.of(2026, 10, 9))
                        .setParameter(3, row[0]).setParameter(4, new BigDecimal(row[1])).executeUpdate();
            }
            com.spendportal.web.DataVersion.bump();
        });
        String owner = "showback-" + UUID.randomUUID() + "@example.com";
        String name = Api.uniqueName("Video team");
        long centre = Api.admin().body("{\"name\":\"" + name + "\",\"ownerEmail\":\"" + owner + "\",\"monthlyBudgetUsd\":\"1000\","
                + "\"members\":[{\"accountId\":" + account + "}]}").post("/api/cost-centres").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Instant nov1 = Instant.parse("2026-11-01T06:00:00Z");
        showbackMails.queueDue(nov1);
        showbackMails.queueDue(nov1.plusSeconds(60));
        showbackMails.queueDue(Instant.parse("2026-11-30T23:00:00Z"));
        List<AlertDelivery> queued = deliveriesTo(owner);
        assertEquals(List.of("showback-2026-10-" + centre), queued.stream().map(d -> d.eventId).toList(), "once");
        assertEquals(AlertDelivery.SHOWBACK, queued.get(0).eventType);
        assertEquals(AlertDelivery.State.DELIVERED, rows.deliverUntilSettled(queued.get(0).id, Duration.ofSeconds(30)).state);

        List<MimeMessage> mails = mailsTo(owner);
        assertEquals(1, mails.size());
        assertEquals("[Spend Portal] Showback for October 2026: " + name, mails.get(0).getSubject());
        assertEquals("<showback-2026-10-" + centre + "@spend-portal.localhost>", mails.get(0).getMessageID());
        String text = MailDeliveryTest.part(mails.get(0), "text/plain");
        assertTrue(text.contains("Spend:  $750.00") && text.contains("Budget: $1,000.00, 75.0% used"), text);
        assertTrue(text.contains("m-1: $187.50 (10 s of jobs)") && text.contains("m-2: $562.50 (30 s of jobs)"), text);

        Map<String, byte[]> files = attachments(mails.get(0));
        String stem = "showback-" + StatementMails.slug(name) + "-2026-10";
        assertEquals(List.of(stem + ".pdf", stem + ".csv"), List.copyOf(files.keySet()));
        String csv = new String(files.get(stem + ".csv"), StandardCharsets.UTF_8);
        String download = Browser.admin().get("/showback.csv?month=2026-10").then().statusCode(200).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("month,cost_centre,account_id,account,folder_id,folder,job_seconds,spend_usd", lines.get(0));
        assertEquals(2, lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(download.contains(line + "\r\n"), "the download has " + line);
        }
        try (PDDocument pdf = Loader.loadPDF(files.get(stem + ".pdf"))) {
            String pdfText = new PDFTextStripper().getText(pdf);
            assertTrue(pdfText.contains(name) && pdfText.contains("$750.00") && pdfText.contains("$562.50")
                    && pdfText.contains("75.0%"), pdfText);
            assertFalse(pdfText.contains("Unassigned"), "the centre's own showback only");
        }
    }

    private static List<Alert> alertsOf(long centre) {
        return QuarkusTransaction.requiringNew().call(() -> Alert.<Alert>list("costCentreId", centre));
    }

    private static List<AlertDelivery> deliveriesTo(String address) {
        return QuarkusTransaction.requiringNew().call(() -> AlertDelivery.<AlertDelivery>list("toAddress = ?1 order by id", address));
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(address)) {
                found.add(message);
            }
        }
        return found;
    }

    private static Map<String, byte[]> attachments(Part part) throws Exception {
        Map<String, byte[]> found = new LinkedHashMap<>();
        collect(part, found);
        return found;
    }

    private static void collect(Part part, Map<String, byte[]> into) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), into);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            try (InputStream in = part.getInputStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                in.transferTo(out);
                into.put(part.getFileName(), out.toByteArray());
            }
        }
    }
}
