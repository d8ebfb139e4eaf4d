package com.spendportal.backups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Browser;
import com.spendportal.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The backups page on the %test in-memory database, or on the PostgreSQL run; taking and restoring
 * one is {@link BackupRestoreTest}.
 */
@QuarkusTest
class BackupPagesTest {

    @Test
    @DisabledIfSystemProperty(named = "quarkus.datasource.db-kind", matches = "postgresql")
    void anInMemoryDatabaseIsExplainedNotBackedUp() {
        assertExplainedNotBackedUp("nothing here to back up");
    }

    @Test
    @EnabledIfSystemProperty(named = "quarkus.datasource.db-kind", matches = "postgresql")
    void postgresqlIsPointedAtPgDump() {
        assertExplainedNotBackedUp("back it up with pg_dump");
    }

    private static void assertExplainedNotBackedUp(String why) {
        Browser admin = Browser.admin();
        Document page = admin.page("/backups");
        assertTrue(page.select("form[action=/backups]").isEmpty(), "no Back up now button");
        assertTrue(page.select(".alert").text().contains(why), page.select(".alert").text());
        assertEquals(303, admin.post("/backups", Map.of()).statusCode());
        assertTrue(admin.page("/backups").select(".flash").text().contains(why));
    }

    @Test
    void theNavOffersBackupsToAdminsOnly() {
        assertEquals(1, Browser.admin().page("/").select("nav a[href=/backups]").size());
        Users.ensureViewer();
        assertEquals(0, Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD).page("/").select("nav a[href=/backups]").size());
    }
}
