package com.spendportal.backups;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.Users;
import com.spendportal.wallet.WalletSnapshot;
import com.spendportal.web.PortalConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** DESIGN §9: a backup taken from the page while the portal runs restores to the same data. */
@QuarkusTest
@TestProfile(FileDatabase.class)
@DisabledIfSystemProperty(named = "quarkus.datasource.db-kind", matches = "postgresql",
        disabledReason = "H2's BACKUP TO of an H2 file; on PostgreSQL the page points at pg_dump (BackupPagesTest)")
class BackupRestoreTest {

    private static final List<String> TABLES = List.of("app_user", "account", "contract", "contract_change",
            "usage_entry", "wallet_snapshot");

    @Inject
    DataSource dataSource;

    @Inject
    PortalConfig config;

    @Test
    void backupTakenFromThePageRestoresEveryRow() throws Exception {
        String name = Api.uniqueName("Backed up");
        long id = Api.createAccount(name, "sk-restore-test-1234");
        Api.createAccount(Api.uniqueName("Without contract"), null);
        Api.admin().body("{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"mmcUsd\":\"5000.00\","
                + "\"contractRatePerSecond\":\"0.00750\",\"includedSecondsPerMonth\":600000,\"overageRatePerSecond\":\"0.00833\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(200);
        Api.admin().body("[{\"month\":\"2026-02\",\"seconds\":100}]").post("/api/accounts/" + id + "/usage").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> {
            WalletSnapshot snapshot = new WalletSnapshot();
            snapshot.accountId = id;
            snapshot.fetchedAt = Instant.parse("2026-02-10T08:00:00Z");
            snapshot.source = WalletSnapshot.Source.IMPORTED;
            snapshot.currency = "usd";
            snapshot.remainingBalance = new BigDecimal("1234.56");
            snapshot.persist();
        });

        Browser admin = Browser.admin();
        Document before = admin.page("/backups");
        assertFalse(before.select("form[action=/backups] button").isEmpty(), "an H2 file database offers Back up now");
        assertEquals(303, admin.post("/backups", Map.of()).statusCode());
        Map<String, List<List<Object>>> live = rows(dataSource.getConnection());

        Document after = admin.page("/backups");
        assertTrue(after.select(".flash").text().matches("Backup portal-.*\\.zip taken\\."), after.select(".flash").text());
        String href = after.select("a[href^=/backups/portal-]").first().attr("href");
        Response download = admin.get(href);
        download.then().statusCode(200).header("Content-Disposition", containsString("attachment"))
                .header("Cache-Control", "no-store");

        Path restored = Files.createDirectories(Path.of("target", "restore-test-" + UUID.randomUUID()));
        unzip(download.asByteArray(), restored);
        assertTrue(Files.exists(restored.resolve("portal.mv.db")), "the backup holds portal.mv.db");

        Properties credentials = new Properties();
        credentials.setProperty("user", "sa");
        credentials.setProperty("password", "");
        try (Connection copy = new org.h2.Driver().connect(
                "jdbc:h2:file:" + restored.toAbsolutePath() + "/portal;IFEXISTS=TRUE", credentials)) {
            ResultSet usage = copy.createStatement().executeQuery("SELECT a.name, u.usage_month, u.seconds, c.mmc_usd"
                    + " FROM account a JOIN usage_entry u ON u.account_id = a.id JOIN contract c ON c.account_id = a.id"
                    + " WHERE a.id = " + id);
            assertTrue(usage.next(), "the account with its contract and usage is in the backup");
            assertEquals(name, usage.getString(1));
            assertEquals("2026-02", usage.getString(2));
            assertEquals(0, new BigDecimal("100").compareTo(usage.getBigDecimal(3)));
            assertEquals(0, new BigDecimal("5000.00").compareTo(usage.getBigDecimal(4)));
            assertEquals(live, rows(copy), "every row of every table, as it was when the backup was taken");
        }
        assertFalse(live.get("wallet_snapshot").isEmpty());
    }

    @Test
    void onlyAdminsTakeOrFetchBackupsAndOnlyByTheirOwnNames() throws IOException {
        Browser admin = Browser.admin();
        assertEquals(303, admin.post("/backups", Map.of()).statusCode());
        Path backups = Path.of(config.dataDir(), "backups");
        String name;
        try (var files = Files.list(backups)) {
            name = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".zip")).findFirst().orElseThrow();
        }
        Files.writeString(Path.of(config.dataDir(), "not-a-backup.zip"), "x");
        for (String path : List.of("/backups/..%2Fnot-a-backup.zip", "/backups/..%2F..%2Fportal.mv.db", "/backups/portal.mv.db",
                "/backups/portal-20200101T000000Z.zip", "/backups/" + name + "%00.txt")) {
            assertEquals(404, admin.request().urlEncodingEnabled(false).get(path).statusCode(), path);
        }
        long count = count(backups);
        admin.request().contentType("application/x-www-form-urlencoded").formParam("x", "1").post("/backups")
                .then().statusCode(400);
        Users.ensureViewer();
        Browser viewer = Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD);
        assertEquals(403, viewer.get("/backups").statusCode());
        assertEquals(403, viewer.get("/backups/" + name).statusCode());
        assertEquals(403, viewer.post("/backups", Map.of()).statusCode());
        assertEquals(count, count(backups), "a tokenless or viewer post takes no backup");
    }

    private static long count(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }

    private static Map<String, List<List<Object>>> rows(Connection connection) throws SQLException {
        try (connection) {
            Map<String, List<List<Object>>> tables = new java.util.LinkedHashMap<>();
            for (String table : TABLES) {
                List<List<Object>> rows = new ArrayList<>();
                try (ResultSet rs = connection.createStatement().executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int c = 1; c <= columns; c++) {
                            row.add(rs.getObject(c));
                        }
                        rows.add(row);
                    }
                }
                tables.put(table, rows);
            }
            return tables;
        }
    }

    private static void unzip(byte[] zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                assertTrue(target.startsWith(into), entry.getName());
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
    }
}
