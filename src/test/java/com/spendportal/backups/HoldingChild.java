package com.spendportal.backups;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM of {@link ClosedDatabaseTest}: opens the H2 database of the JDBC URL it is given as soon as nobody
 * else holds the file (H2 locks it for one process), reports {@code HOLDING} on stdout and keeps it until its stdin
 * is closed. It needs only H2 on its class path, so that it starts quickly.
 */
public final class HoldingChild {

    static final String REPORT = "HOLDING";

    private HoldingChild() {
    }

    public static void main(String... args) throws Exception {
        String url = args[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
                System.out.println(REPORT);
                System.out.flush();
                while (System.in.read() >= 0) {
                    // holds the file until the parent closes our stdin
                }
                return;
            } catch (SQLException inUse) {
                if (System.nanoTime() > deadline) {
                    throw inUse;
                }
                Thread.sleep(20);
            }
        }
    }
}
