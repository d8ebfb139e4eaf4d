package com.spendportal.backups;

import io.smallrye.config.SmallRyeConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * {@code java -jar quarkus-run.jar import-h2 <h2 data directory> [--replace]}: copies a portal's H2
 * database into the database the portal is configured for (PostgreSQL), with {@link DatabaseCopy}.
 * It reads the same settings as the portal ({@code quarkus.datasource.*}), does not start the
 * portal and exits 0 when everything was copied, 1 when it was refused or failed (nothing is then
 * changed in the target).
 */
public final class ImportH2 {

    public static final String COMMAND = "import-h2";

    private ImportH2() {
    }

    public static int run(SmallRyeConfig config, String[] args, PrintStream out) {
        boolean replace = false;
        Path dataDir = null;
        for (String arg : args) {
            if (arg.equals("--replace")) {
                replace = true;
            } else if (dataDir == null && !arg.startsWith("--")) {
                dataDir = Path.of(arg);
            } else {
                dataDir = null;
                break;
            }
        }
        if (dataDir == null) {
            out.println("Usage: java -jar quarkus-run.jar " + COMMAND + " <H2 data directory> [--replace]");
            return 1;
        }
        Path file = dataDir.resolve("portal.mv.db");
        if (!Files.isRegularFile(file)) {
            out.println("No H2 database at " + file.toAbsolutePath() + ". Give the portal's data directory (portal.data-dir).");
            return 1;
        }
        String targetUrl = config.getOptionalValue("quarkus.datasource.jdbc.url", String.class).orElse("");
        if (!targetUrl.startsWith("jdbc:postgresql:")) {
            out.println("Set the PostgreSQL datasource first (quarkus.datasource.jdbc.url, username and password, as for"
                    + " running the portal); it is now '" + targetUrl + "'.");
            return 1;
        }
        String h2Url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("portal") + ";IFEXISTS=TRUE";
        try (Connection from = connect(new org.h2.Driver(), h2Url, "sa", ""); // the portal's H2 account (application.properties)
                Connection to = connect(new org.postgresql.Driver(), targetUrl,
                        config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null))) {
            Map<String, Long> copied = DatabaseCopy.copy(from, to, replace);
            copied.forEach((table, rows) -> out.printf("%-16s %,d rows%n", table, rows));
            out.println("Copied " + file.toAbsolutePath() + " into " + targetUrl + ".");
            return 0;
        } catch (DatabaseCopy.Refused e) {
            out.println(e.getMessage());
            return 1;
        } catch (SQLException e) {
            out.println("The copy failed and changed nothing in the target: " + e.getMessage());
            return 1;
        }
    }

    private static Connection connect(Driver driver, String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("No driver accepts " + url);
        }
        return connection;
    }
}
