package com.spendportal.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.CapturedLogs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A start with notification channels and the default portal.base-url warns once (issue 19, item 9). */
@QuarkusTest
@Tag("h2-only") // a start-up log line; channels are counted on both in the alert tests
class BaseUrlCheckTest {

    @Inject
    BaseUrlCheck check;

    @Inject
    AlertRows rows;

    @Test
    void warnsOnlyWithChannelsAndTheDefaultBaseUrl() {
        assertEquals(Optional.empty(), BaseUrlCheck.warning(0, "http://localhost:8080"), "no channel, no mail to link from");
        assertEquals(Optional.empty(), BaseUrlCheck.warning(3, "https://spend.example.com"));
        assertEquals(Optional.empty(), BaseUrlCheck.warning(3, "http://localhost:8123"), "set on purpose");
        String warning = BaseUrlCheck.warning(1, "http://localhost:8080/").orElseThrow();
        assertTrue(warning.contains("portal.base-url is http://localhost:8080 (the default)") && warning.contains("1 notification channel exists:")
                && warning.contains("Set portal.base-url"), warning);
        assertTrue(BaseUrlCheck.warning(2, "http://localhost:8080").orElseThrow().contains("2 notification channels exist"));
    }

    @Test
    void theStartCheckWritesOneLineWhenChannelsExist() {
        NotificationChannel channel = rows.channel(NotificationChannel.Kind.EMAIL, "base-url@example.com", null);
        try (CapturedLogs captured = CapturedLogs.start()) {
            check.onStart(null);
            List<String> lines = captured.lines().stream().filter(line -> line.startsWith(BaseUrlCheck.class.getName())).toList();
            assertEquals(1, lines.size(), captured.lines().toString());
            assertTrue(lines.get(0).contains("the links in alert e-mails point there"), lines.get(0));
        } finally {
            AlertRows.remove(channel);
        }
        QuarkusTransaction.requiringNew().run(() -> NotificationChannel.deleteAll());
        try (CapturedLogs captured = CapturedLogs.start()) {
            check.onStart(null);
            assertTrue(captured.lines().stream().noneMatch(line -> line.startsWith(BaseUrlCheck.class.getName())), "no channel, no warning");
        }
    }
}
