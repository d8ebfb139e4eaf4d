package com.spendportal.backups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upgrade from H2 to PostgreSQL (DESIGN §10): {@link DatabaseCopy} carries every row of the
 * portal's database into another database at the same schema version, and {@code import-h2} does
 * it from an H2 data directory into the configured PostgreSQL database. On the H2 suite the copies
 * go H2 to H2; on the PostgreSQL suite the portal's database goes to an H2 file and from there, by
 * the command, into a new PostgreSQL database, and must arrive unchanged.
 */
@QuarkusTest
class DatabaseCopyTest {

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> configuredPassword;

    String password;

    @BeforeEach
    void passwordOrEmpty() {
        password = configuredPassword.orElse("");
    }

    private boolean postgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** A contract with usage and readings, so that every table has rows. */
    private static void someData() {
        long id = Api.createAccount(Api.uniqueName("Copied"), "sk-copy-test-1234");
        Api.admin().body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"packageUsd\":\"120000.00\","
                + "\"contractRatePerSecond\":\"0.0075\"}").put("/api/accounts/" + id + "/contract").then().statusCode(200);
        Api.admin().body("[{\"month\":\"2026-02\",\"seconds\":\"1234.5\"}]").post("/api/accounts/" + id + "/usage")
                .then().statusCode(200);
        Api.admin().body("[{\"fetchedAt\":\"2026-02-01T00:00:00Z\",\"remainingBalance\":\"120000.00\"},"
                + "{\"fetchedAt\":\"2026-03-01T00:00:00Z\",\"remainingBalance\":\"119990.74\"}]")
                .post("/api/accounts/" + id + "/wallet-snapshots").then().statusCode(200);
    }

    @Test
    void everyRowArrivesUnchangedAndIdsContinue() throws Exception {
        someData();
        Path dir = Files.createDirectories(Path.of("target", "copy-test", UUID.randomUUID().toString()));
        String h2Url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("portal");
        migrate(h2Url, "sa", "", null);
        try (Connection live = dataSource.getConnection(); Connection h2 = DriverManager.getConnection(h2Url, "sa", "")) {
            Map<String, Long> copied = DatabaseCopy.copy(live, h2, false);
            assertTrue(copied.get("wallet_snapshot") >= 2 && copied.get("account") >= 1, copied.toString());
            assertEquals(rows(live), rows(h2), "the portal's database copied into H2");
        }

        String target = newDatabase();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = ImportH2.run(settings(target), new String[] {dir.toString()}, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String output = printed.toString(StandardCharsets.UTF_8);
        if (!postgres()) {
            assertEquals(1, status, output);
            assertTrue(output.contains("Set the PostgreSQL datasource first"), output);
            DatabaseCopy.copy(DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve("portal"), "sa", ""),
                    DriverManager.getConnection(target, username, password), false);
        } else {
            assertEquals(0, status, output);
            assertTrue(output.contains("Copied "), output);
        }
        try (Connection live = dataSource.getConnection(); Connection copy = DriverManager.getConnection(target, username, password)) {
            assertEquals(rows(live), rows(copy), "and from H2 into a new database of the portal's kind");
            long next = maxId(copy, "account") + 1;
            try (Statement insert = copy.createStatement()) {
                insert.executeUpdate("INSERT INTO account (name, demo, created_at, consecutive_failures)"
                        + " VALUES ('After the copy', FALSE, CURRENT_TIMESTAMP, 0)");
            }
            assertEquals(next, maxId(copy, "account"), "new rows continue after the copied ids");

            assertEquals("The target database already holds", assertThrows(DatabaseCopy.Refused.class,
                    () -> DatabaseCopy.copy(live, copy, false)).getMessage().substring(0, 33));
            DatabaseCopy.copy(live, copy, true);
            assertEquals(rows(live), rows(copy), "--replace empties the target first");
        }
    }

    @Test
    void aTargetAtAnotherSchemaVersionIsRefusedAndUnchanged() throws Exception {
        String target = newDatabase("2");
        try (Connection live = dataSource.getConnection(); Connection copy = DriverManager.getConnection(target, username, password)) {
            DatabaseCopy.Refused refused = assertThrows(DatabaseCopy.Refused.class, () -> DatabaseCopy.copy(live, copy, false));
            assertTrue(refused.getMessage().contains("target at 2"), refused.getMessage());
            try (Statement query = copy.createStatement(); ResultSet row = query.executeQuery("SELECT COUNT(*) FROM app_user")) {
                row.next();
                assertEquals(0, row.getLong(1));
            }
        }
    }

    @Test
    void theCommandExplainsWhatItNeeds() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        assertEquals(1, ImportH2.run(settings("jdbc:postgresql://localhost/x"), new String[0], out));
        assertEquals(1, ImportH2.run(settings("jdbc:postgresql://localhost/x"), new String[] {"target/no-such-dir"}, out));
        String output = printed.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("Usage: java -jar quarkus-run.jar import-h2 <H2 data directory> [--replace]"), output);
        assertTrue(output.contains("No H2 database at"), output);
    }

    private SmallRyeConfig settings(String targetUrl) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of("quarkus.datasource.jdbc.url", targetUrl,
                "quarkus.datasource.username", username, "quarkus.datasource.password", password), "test", 500)).build();
    }

    /** A new, migrated database of the portal's own kind (up to {@code version}, or all the way). */
    private String newDatabase(String... version) throws SQLException {
        String name = "copy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String target;
        if (postgres()) {
            try (Connection connection = dataSource.getConnection(); Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
            target = url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        } else {
            target = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        }
        migrate(target, username, password, version.length == 0 ? null : version[0]);
        return target;
    }

    private static void migrate(String url, String user, String password, String version) {
        var flyway = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration");
        if (version != null) {
            flyway.target(version);
        }
        flyway.load().migrate();
    }

    private static long maxId(Connection connection, String table) throws SQLException {
        try (Statement query = connection.createStatement(); ResultSet row = query.executeQuery("SELECT MAX(id) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Every row of every copied table, in key order, with values compared by what they mean. */
    static Map<String, List<List<Object>>> rows(Connection connection) throws SQLException {
        Map<String, List<List<Object>>> all = new LinkedHashMap<>();
        for (String table : DatabaseCopy.TABLES) {
            String order = table.equals("wallet_month") ? "account_id, wallet_month" : "id";
            List<List<Object>> rows = new ArrayList<>();
            try (Statement query = connection.createStatement();
                    ResultSet rs = query.executeQuery("SELECT * FROM " + table + " ORDER BY " + order)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getMetaData().getColumnName(i).toLowerCase() + "=" + normalized(rs.getObject(i)));
                    }
                    rows.add(row);
                }
            }
            all.put(table, rows);
        }
        return all;
    }

    private static Object normalized(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof java.sql.Timestamp time) {
            return time.toInstant();
        }
        if (value instanceof Number number && !(value instanceof BigDecimal)) {
            return number.longValue();
        }
        return value instanceof TemporalAccessor ? value.toString() : value;
    }
}
