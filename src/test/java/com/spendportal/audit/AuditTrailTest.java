package com.spendportal.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.Users;
import com.spendportal.web.Via;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail (DESIGN §12): each kind of change through a page or the API leaves one entry
 * saying who, through what, what and what changed, and no secret ever gets into it.
 */
@QuarkusTest
class AuditTrailTest {

    @BeforeEach
    void viewer() {
        Users.ensureViewer();
    }

    private static List<AuditEntry> entriesFor(String target) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>list("target = ?1 order by id", target));
    }

    private static AuditEntry only(String target, String action) {
        List<AuditEntry> matching = entriesFor(target).stream().filter(e -> e.action.equals(action)).toList();
        assertEquals(1, matching.size(), action + " on " + target + ": " + matching);
        return matching.get(0);
    }

    private static String allDetails() {
        return String.join("\n", QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>listAll().stream()
                .map(e -> e.actor + " " + e.via + " " + e.action + " " + e.target + " " + e.detail).toList()));
    }

    @Test
    void accountChangesThroughTheApiAreRecordedWithOldAndNewValuesButNoKey() {
        String key = "sk_audit_secret_" + UUID.randomUUID();
        String newKey = "sk_audit_other_" + UUID.randomUUID();
        String name = Api.uniqueName("Audited");
        long id = Api.createAccount(name, key);
        String target = "account:" + id;

        AuditEntry created = only(target, "account.create");
        assertEquals("admin", created.actor);
        assertEquals(Via.BASIC, created.via);
        assertEquals("{\"account\":\"" + name + "\",\"apiKey\":\"set\"}", created.detail);

        String renamed = Api.uniqueName("Renamed");
        Api.admin().body("{\"name\":\"" + renamed + "\",\"apiKey\":\"" + newKey + "\",\"lowBalanceThresholdUsd\":\"100.00\"}")
                .patch("/api/accounts/" + id).then().statusCode(200);
        AuditEntry updated = only(target, "account.update");
        assertEquals("{\"account\":\"" + renamed + "\",\"name\":{\"old\":\"" + name + "\",\"new\":\"" + renamed + "\"},"
                + "\"lowBalanceThresholdUsd\":{\"old\":null,\"new\":100.00},\"apiKey\":\"replaced\"}", updated.detail);
        assertEquals("account: " + renamed + "; name: " + name + " \u2192 " + renamed + "; lowBalanceThresholdUsd: none \u2192 100.00;"
                + " apiKey: replaced", updated.describe());

        Api.admin().body("{\"lowBalanceThresholdUsd\":\"100\"}").patch("/api/accounts/" + id).then().statusCode(200);
        assertEquals(1, entriesFor(target).stream().filter(e -> e.action.equals("account.update")).count(),
                "saving the same values is not a change");

        Api.admin().body("{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"mmcUsd\":\"5000.00\","
                + "\"contractRatePerSecond\":\"0.00750\",\"includedSecondsPerMonth\":600000,\"overageRatePerSecond\":\"0.00833\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(200);
        AuditEntry contract = only(target, "contract.update");
        assertTrue(contract.detail.contains("\"terms\":{\"old\":null,\"new\":\""), contract.detail);

        Api.admin().contentType("text/csv").body("month,seconds,usd\n2026-01,1000,\n").post("/api/accounts/" + id + "/usage")
                .then().statusCode(200);
        AuditEntry usage = only(target, "usage.import");
        assertEquals("{\"source\":\"csv\",\"lines\":1,\"months\":[\"2026-01\"],\"products\":[],\"seconds\":1000,\"usd\":0.00}",
                usage.detail);

        Api.admin().body("[{\"fetchedAt\":\"2026-01-05T00:00:00Z\",\"remainingBalance\":\"10.00\"},"
                + "{\"fetchedAt\":\"2026-01-02T00:00:00Z\",\"remainingBalance\":\"12.00\"}]")
                .post("/api/accounts/" + id + "/wallet-snapshots").then().statusCode(200);
        assertEquals("{\"balances\":2,\"from\":\"2026-01-02T00:00:00Z\",\"to\":\"2026-01-05T00:00:00Z\"}",
                only(target, "wallet.import").detail);

        Api.admin().body("{\"apiKey\":null}").patch("/api/accounts/" + id).then().statusCode(200);
        assertTrue(entriesFor(target).get(entriesFor(target).size() - 1).detail.endsWith("\"apiKey\":\"removed\"}"));

        Api.admin().delete("/api/accounts/" + id).then().statusCode(204);
        assertEquals("{\"account\":\"" + renamed + "\"}", only(target, "account.delete").detail);

        String trail = allDetails();
        assertFalse(trail.contains(key) || trail.contains(newKey), "no API key in the trail");
    }

    @Test
    void aRefusedChangeLeavesNoEntry() {
        long id = Api.createAccount(Api.uniqueName("Refused"), null);
        Api.admin().body("{\"lowBalanceThresholdUsd\":\"-1\"}").patch("/api/accounts/" + id).then().statusCode(400);
        Api.admin().body("{\"model\":\"USAGE_BASED\"}").put("/api/accounts/" + id + "/contract").then().statusCode(400);
        Api.admin().contentType("text/csv").body("month,seconds\nnope,1\n").post("/api/accounts/" + id + "/usage").then().statusCode(400);
        assertEquals(List.of("account.create"), entriesFor("account:" + id).stream().map(e -> e.action).toList());
    }

    @Test
    void pagesTokensUsersAndChannelsAreRecordedWithHowTheyCameIn() {
        Browser admin = Browser.admin();
        String name = Api.uniqueName("Paged");
        admin.post("/accounts", Map.of("name", name, "apiKey", "")).then().statusCode(303);
        long id = Api.admin().get("/api/accounts").then().extract().jsonPath().getLong("find { it.name == '" + name + "' }.id");
        AuditEntry created = only("account:" + id, "account.create");
        assertEquals(Via.PAGE, created.via);
        assertEquals("admin", created.actor);

        Response token = Api.admin().body("{\"name\":\"audit script\",\"scope\":\"write\"}").post("/api/tokens");
        long tokenId = token.jsonPath().getLong("id");
        String tokenValue = token.jsonPath().getString("token");
        assertEquals("{\"name\":\"audit script\",\"scope\":\"write\",\"expiresAt\":null}", only("token:" + tokenId, "token.create").detail);
        given().header("Authorization", "Bearer " + tokenValue).contentType(ContentType.JSON)
                .body("{\"name\":\"" + Api.uniqueName("ByToken") + "\"}").post("/api/accounts").then().statusCode(201);
        AuditEntry byToken = QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>find("action = 'account.create'"
                + " order by id desc").firstResult());
        assertEquals("token:" + tokenId, byToken.via);
        Api.admin().delete("/api/tokens/" + tokenId).then().statusCode(204);
        assertEquals("{\"name\":\"audit script\"}", only("token:" + tokenId, "token.revoke").detail);

        String user = "aud-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "audited-password-" + UUID.randomUUID();
        long userId = Api.admin().body("{\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"role\":\"viewer\"}")
                .post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
        admin.post("/users/" + userId + "/role", Map.of("role", "admin")).then().statusCode(303);
        String newPassword = "another-" + UUID.randomUUID();
        admin.post("/users/" + userId + "/password", Map.of("password", newPassword)).then().statusCode(303);
        Api.admin().body("{\"enabled\":false}").patch("/api/users/" + userId).then().statusCode(200);
        List<AuditEntry> userTrail = entriesFor("user:" + userId);
        assertEquals(List.of("user.create", "user.role", "user.password", "user.disable"),
                userTrail.stream().map(e -> e.action).toList());
        assertEquals(List.of(Via.BASIC, Via.PAGE, Via.PAGE, Via.BASIC), userTrail.stream().map(e -> e.via).toList());
        assertEquals("{\"user\":\"" + user + "\",\"role\":{\"old\":\"viewer\",\"new\":\"admin\"}}", userTrail.get(1).detail);

        Response channel = Api.admin().body("{\"kind\":\"WEBHOOK\",\"url\":\"https://hooks.example.com/services/T0/B0/sekrit-path\"}")
                .post("/api/notification-channels");
        long channelId = channel.jsonPath().getLong("id");
        String signingSecret = channel.jsonPath().getString("secret");
        assertNotNull(signingSecret);
        assertEquals("{\"kind\":\"WEBHOOK\",\"target\":\"https://hooks.example.com\"}", only("channel:" + channelId, "channel.create").detail);
        admin.post("/alerts/channels/" + channelId + "/delete", Map.of()).then().statusCode(303);
        assertEquals(Via.PAGE, only("channel:" + channelId, "channel.delete").via);

        String trail = allDetails();
        for (String secret : List.of(tokenValue, password, newPassword, signingSecret, "sekrit-path", Browser.ADMIN_PASSWORD)) {
            assertFalse(trail.contains(secret), "a secret reached the trail: " + secret);
        }
    }

    @Test
    void apiFiltersPagesAndRefusesViewers() {
        String name = Api.uniqueName("Filtered");
        long id = Api.createAccount(name, null);
        for (int i = 0; i < 3; i++) {
            Api.admin().body("{\"lowBalanceThresholdUsd\":\"" + (i + 1) + "\"}").patch("/api/accounts/" + id).then().statusCode(200);
        }
        String target = "account:" + id;
        JsonPath all = Api.admin().queryParam("target", target).get("/api/audit").then().statusCode(200)
                .body("$", hasSize(4)).body("[0].action", equalTo("account.update"))
                .body("[0].detail.lowBalanceThresholdUsd.new", equalTo(3.00f))
                .body("[3].action", equalTo("account.create")).body("[3].actor", equalTo("admin"))
                .body("[3].via", equalTo("basic")).extract().jsonPath();
        assertTrue(all.getLong("[0].id") > all.getLong("[1].id"), "newest first");

        Response first = Api.admin().queryParams(Map.of("target", target, "action", "account.update", "limit", 2)).get("/api/audit");
        first.then().statusCode(200).body("$", hasSize(2));
        String next = first.getHeader("Link");
        assertNotNull(next);
        String nextPath = next.substring(1, next.indexOf('>'));
        Response second = Api.admin().urlEncodingEnabled(false).get(nextPath);
        second.then().statusCode(200).body("$", hasSize(1)).body("[0].detail.lowBalanceThresholdUsd.new", equalTo(1.00f));
        assertNull(second.getHeader("Link"));

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Api.admin().queryParams(Map.of("target", target, "action", "account", "actor", "ADMIN", "from", today, "to", today))
                .get("/api/audit").then().statusCode(200).body("$", hasSize(4));
        Api.admin().queryParams(Map.of("target", target, "to", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()))
                .get("/api/audit").then().statusCode(200).body("$", hasSize(0));
        Api.admin().queryParams(Map.of("target", target, "action", "contract")).get("/api/audit").then().body("$", hasSize(0));

        Api.admin().queryParams(Map.of("from", "yesterday", "limit", 0)).get("/api/audit").then().statusCode(400)
                .body("error.code", equalTo("invalid")).body("error.fields.from", equalTo("Must be a real date written YYYY-MM-DD, from 2000-01-01 to 2100-12-31."))
                .body("error.fields.limit", equalTo("From 1 to 1000."));
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).get("/api/audit").then().statusCode(403);
        Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD).get("/audit").then().statusCode(403);
    }

    @Test
    void thePageFiltersAndExportsCsv() throws Exception {
        String name = Api.uniqueName("Shown <b>x</b>");
        long id = Api.createAccount(name, null);
        Api.admin().body("{\"lowBalanceThresholdUsd\":\"5\"}").patch("/api/accounts/" + id).then().statusCode(200);
        Browser admin = Browser.admin();
        Document page = admin.page("/audit?target=account:" + id);
        assertEquals(2, page.select("table.audit tbody tr").size());
        assertEquals("account.update", page.select("table.audit tbody tr").get(0).select("td[data-label=Action]").text());
        assertTrue(page.select("table.audit tbody tr").get(1).text().contains(name), "the name is shown as text");
        assertTrue(page.select("table.audit b").isEmpty(), "markup in a name is escaped");
        assertEquals("/audit.csv?target=account%3A" + id, page.select("a[download]").attr("href"));

        Response bad = admin.get("/audit?from=31.12.2026");
        assertEquals(400, bad.statusCode());
        assertEquals("Must be a real date written YYYY-MM-DD, from 2000-01-01 to 2100-12-31.", Jsoup.parse(bad.asString()).select("#e-from").text());

        Response badCsv = admin.get("/audit.csv?to=soon");
        assertEquals(400, badCsv.statusCode());
        assertTrue(badCsv.getContentType().startsWith("text/html"), "a bad filter gets the page with its message, not a CSV");
        assertEquals("Must be a real date written YYYY-MM-DD, from 2000-01-01 to 2100-12-31.", Jsoup.parse(badCsv.asString()).select("#e-to").text());

        Response csv = admin.get("/audit.csv?target=account:" + id);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.getHeader("Content-Disposition").contains("audit-"));
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.asString())).getRecords();
        assertEquals(2, rows.size());
        assertEquals("account.update", rows.get(0).get("action"));
        assertEquals("account:" + id, rows.get(1).get("target"));
        assertEquals("{\"account\":\"" + name + "\"}", rows.get(1).get("detail"));
        assertEquals("basic", rows.get(1).get("via"));
    }

    @Test
    void thePageShowsAHundredAtATimeWithALinkToOlderOnes() {
        String target = "paging:" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < AuditPages.PAGE_SIZE + 1; i++) {
                AuditEntry entry = new AuditEntry();
                entry.at = Instant.now();
                entry.actor = "admin";
                entry.via = Via.PAGE;
                entry.action = "demo.load";
                entry.target = target;
                entry.detail = "{\"n\":" + i + "}";
                entry.persist();
            }
        });
        Browser admin = Browser.admin();
        Document first = admin.page("/audit?target=" + target);
        assertEquals(AuditPages.PAGE_SIZE, first.select("table.audit tbody tr").size());
        assertEquals("n: 100", first.select("table.audit tbody tr").get(0).select("td[data-label=What changed]").text());
        String older = first.select(".pager a:contains(Older)").attr("href");
        assertTrue(older.startsWith("/audit?target=paging%3A") && older.contains("&before="), older);
        Document second = admin.page(URLDecoder.decode(older, StandardCharsets.UTF_8));
        assertEquals(1, second.select("table.audit tbody tr").size());
        assertEquals("n: 0", second.select("table.audit tbody tr").get(0).select("td[data-label=What changed]").text());
        assertTrue(second.select(".pager a:contains(Older)").isEmpty());
    }
}
