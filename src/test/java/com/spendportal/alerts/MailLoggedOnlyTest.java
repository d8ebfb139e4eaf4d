package com.spendportal.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.accounts.Account;
import com.spendportal.support.CapturedLogs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Until SMTP is configured ({@code quarkus.mailer.mock=true}, the default) a mail is one log line, and says so. */
@QuarkusTest
@TestProfile(ShippedAlertSettings.class)
@Tag("h2-only") // a mail logged, not sent; deliveries run on both in MailDeliveryTest
class MailLoggedOnlyTest {

    @Inject
    AlertRows rows;

    @Inject
    MailSender mails;

    @Test
    void theMailIsLoggedAndTheDeliveryNotedAsNotSent() {
        assertFalse(mails.sendsForReal());
        String address = "logged-" + UUID.randomUUID() + "@example.com";
        String apiKey = "heygen-key-" + UUID.randomUUID();
        NotificationChannel channel = rows.channel(NotificationChannel.Kind.EMAIL, address, null);
        try (CapturedLogs logs = CapturedLogs.start()) {
            Account account = rows.account("Logged", apiKey);
            Alert alert = rows.fire(account, "Balance $5.00 is below $100.00");
            AlertDelivery done = rows.deliverUntilSettled(AlertRows.delivery(alert.id, channel.id).id, Duration.ofSeconds(10));

            assertEquals(AlertDelivery.State.DELIVERED, done.state);
            assertEquals(MailSender.LOGGED_NOT_SENT, done.lastError);
            List<String> lines = logs.lines().stream().filter(line -> line.contains(address)).toList();
            assertEquals(1, lines.size(), lines.toString());
            String line = lines.get(0);
            assertTrue(line.contains("[Spend Portal] POOL_80 firing: " + account.name), line);
            assertTrue(line.contains(alert.message), line);
            assertTrue(line.contains("/accounts/" + account.id), line);
            assertFalse(line.contains("\n"), "one line");
            assertTrue(logs.lines().stream().noneMatch(l -> l.contains(apiKey)));
        } finally {
            AlertRows.remove(channel);
        }
    }
}
