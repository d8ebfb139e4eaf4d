package com.spendportal.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.accounts.Account;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("h2-only") // no database: the wallet panel on values
class WalletViewTest {

    static final Duration POLL = Duration.ofMinutes(15);
    static final Instant NOW = Instant.now();

    static Account account() {
        Account account = new Account();
        account.apiKeyCiphertext = "sealed";
        account.apiKeyLast4 = "1234";
        return account;
    }

    static WalletSnapshot wallet(String currency, String balance) {
        WalletSnapshot s = new WalletSnapshot();
        s.fetchedAt = NOW.minus(Duration.ofMinutes(3));
        s.source = WalletSnapshot.Source.FETCHED;
        s.billingType = "wallet";
        s.currency = currency;
        s.remainingBalance = balance == null ? null : new BigDecimal(balance);
        return s;
    }

    static WalletView view(Account account, WalletSnapshot latest) {
        return WalletView.of(account, latest, POLL, NOW, true);
    }

    static Map<String, String> facts(WalletView view) {
        return view.facts().stream().collect(Collectors.toMap(WalletView.Fact::label, WalletView.Fact::value));
    }

    @Test
    void aUsdWalletShowsDollarsAndAutoReload() {
        WalletSnapshot s = wallet("usd", "68899.45");
        s.autoReloadEnabled = true;
        s.autoReloadThresholdUsd = new BigDecimal("1000.00");
        s.autoReloadAmountUsd = new BigDecimal("5000.00");
        WalletView view = view(account(), s);
        assertEquals("$68,899.45", view.headline());
        assertEquals("Remaining balance", view.headlineLabel());
        assertEquals("on: adds $5,000.00 when the balance falls below $1,000.00", facts(view).get("Auto-reload"));
        assertEquals("ok", view.statusKind());
        assertFalse(view.stale());
        assertEquals("Balance updated: $68,899.45", WalletView.updatedMessage(s));
    }

    @Test
    void creditsAreNeverShownAsDollars() {
        WalletView view = view(account(), wallet("credits", "12500"));
        assertEquals("12,500 credits", view.headline());
        assertTrue(view.credits());
        assertFalse(view.facts().stream().anyMatch(f -> f.value().contains("$")));
    }

    @Test
    void aNullBalanceIsUnknownNeverZero() {
        WalletView view = view(account(), wallet("usd", null));
        assertEquals("unknown", view.headline());
        assertTrue(view.balanceUnknown());
        assertFalse(view.facts().stream().anyMatch(f -> f.value().contains("0.00")));
    }

    @Test
    void usageBasedShowsMonthToDateSpendAndCap() {
        WalletSnapshot s = wallet(null, null);
        s.billingType = "usage_based";
        s.spendingCurrentUsd = new BigDecimal("4212.37");
        s.spendingCapUsd = new BigDecimal("7500.00");
        WalletView view = view(account(), s);
        assertEquals("Spent this month", view.headlineLabel());
        assertEquals("$4,212.37", view.headline());
        assertEquals("$7,500.00", facts(view).get("Spending cap"));
        assertEquals("56.2%", facts(view).get("Cap used"));
    }

    @Test
    void aSubscriptionKeyIsWarnedAbout() {
        WalletSnapshot s = wallet(null, null);
        s.billingType = "subscription";
        s.subscriptionPlan = "team";
        WalletView view = view(account(), s);
        assertTrue(view.subscriptionWarning().contains("web subscription (team plan)"));
        assertTrue(view.subscriptionWarning().contains("not against the Enterprise API balance"));
        assertFalse(view.balanceUnknown());
    }

    @Test
    void staleWhenTheLastRefreshFailedOrTheReadingIsOlderThanTwoIntervals() {
        WalletSnapshot old = wallet("usd", "10.00");
        old.fetchedAt = NOW.minus(Duration.ofMinutes(31));
        assertTrue(view(account(), old).stale());
        assertEquals("warn", view(account(), old).statusKind());

        Account failing = account();
        failing.lastRefreshAt = NOW;
        failing.lastRefreshErrorCode = "unauthorized";
        failing.lastRefreshError = "HeyGen rejected the key (401).";
        WalletView view = view(failing, wallet("usd", "10.00"));
        assertTrue(view.stale());
        assertEquals("HeyGen rejected the key (401).", view.failureMessage());
        assertEquals("key rejected", view.statusText());
        assertEquals("$10.00", view.headline());
    }

    @Test
    void rateLimitedShowsWhenTheNextTryIs() {
        Account limited = account();
        limited.lastRefreshErrorCode = "rate_limited";
        limited.lastRefreshError = "Rate limited by HeyGen; next try after 12:00:30 UTC.";
        limited.nextFetchNotBefore = NOW.plusSeconds(30);
        assertEquals(NOW.plusSeconds(30), view(limited, null).rateLimitedUntil());
        limited.nextFetchNotBefore = NOW.minusSeconds(1);
        assertNull(view(limited, null).rateLimitedUntil());
    }

    @Test
    void anUnreadableKeyIsVisible() {
        WalletView view = WalletView.of(account(), null, POLL, NOW, false);
        assertTrue(view.keyUnreadable());
        assertEquals("bad", view.statusKind());
        assertEquals("key unreadable", view.statusText());
    }

    @Test
    void withoutAKeyThereIsNothingToRefresh() {
        Account account = new Account();
        WalletView view = view(account, null);
        assertFalse(view.hasKey());
        assertEquals("no API key", view.statusText());
    }

    @Test
    void aBalanceBelowTheThresholdIsFlagged() {
        Account account = account();
        account.lowBalanceThresholdUsd = new BigDecimal("20000.00");
        assertTrue(view(account, wallet("usd", "19999.99")).lowBalance());
        assertFalse(view(account, wallet("usd", "20000.00")).lowBalance());
        assertFalse(view(account, wallet("credits", "10")).lowBalance());
    }
}
