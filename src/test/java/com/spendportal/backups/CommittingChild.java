package com.spendportal.backups;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * The child JVM of {@link KillDurabilityTest}: opens the portal's database with the portal's own JDBC
 * URL, runs its migrations, then commits one account per transaction and reports each commit on
 * stdout ({@code COMMITTED n}) until it is killed.
 */
public final class CommittingChild {

    static final String REPORT = "COMMITTED ";

    private CommittingChild() {
    }

    /** The production JDBC URL from application.properties, with the data directory filled in. */
    static String jdbcUrl(Path dataDir) {
        Properties properties = new Properties();
        try (InputStream in = CommittingChild.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("quarkus.datasource.jdbc.url")
                .replace("${portal.data-dir}", dataDir.toAbsolutePath().toString());
    }

    public static void main(String... args) throws SQLException {
        String url = jdbcUrl(Path.of(args[0]));
        int limit = Integer.parseInt(args[1]);
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.setAutoCommit(false);
            PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO account (name, demo, created_at, consecutive_failures) VALUES (?, FALSE, ?, 0)");
            for (int n = 1; n <= limit; n++) {
                insert.setString(1, "Durable " + n);
                insert.setTimestamp(2, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                connection.commit();
                System.out.println(REPORT + n);
                System.out.flush();
            }
        }
    }
}
