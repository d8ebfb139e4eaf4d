package com.spendportal.wallet;

import com.spendportal.accounts.Account;
import com.spendportal.accounts.ApiKeyCipher;
import com.spendportal.web.Formats;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the wallet panel shows for one account (template tag {@code tags/wallet.html}): the last
 * snapshot in words people read right (credits never as dollars, an unknown balance never as $0.00),
 * its age, whether it is stale, and the last failure.
 *
 * @param stale            the last refresh failed, or the latest snapshot is older than two poll intervals
 * @param failureMessage   what went wrong at the last refresh; null when it succeeded
 * @param rateLimitedUntil HeyGen asked to wait until then (429); null otherwise
 * @param headline         the figure in large type: balance, month-to-date spend or plan
 * @param facts            label/value lines under the headline
 * @param statusKind       badge kind: ok, warn, bad or muted
 */
public record WalletView(boolean hasKey, boolean keyUnreadable, boolean demo, WalletSnapshot latest, String ageText,
        boolean stale, Instant lastRefreshAt, String failureCode, String failureMessage, Instant rateLimitedUntil,
        String billingTypeText, String headlineLabel, String headline, boolean balanceUnknown, boolean credits,
        String subscriptionWarning, boolean lowBalance, List<Fact> facts, String statusKind, String statusText) {

    public record Fact(String label, String value) {
    }

    private static final String USD = "usd";
    private static final String CREDITS = "credits";
    private static final String UNKNOWN = "unknown";

    public static WalletView of(Account account, WalletSnapshot latest, Duration pollInterval, Instant now) {
        return of(account, latest, pollInterval, now, keyReadable(account));
    }

    /** The view when whether the stored key decrypts is already known (a cached line re-aged). */
    public static WalletView of(Account account, WalletSnapshot latest, Duration pollInterval, Instant now, boolean keyReadable) {
        boolean hasKey = account.hasApiKey();
        boolean keyUnreadable = hasKey && (!keyReadable || UpstreamFailure.KEY_UNREADABLE.equals(account.lastRefreshErrorCode));
        String failureCode = account.lastRefreshErrorCode;
        boolean failed = failureCode != null;
        boolean old = latest != null && latest.fetchedAt.plus(pollInterval.multipliedBy(2)).isBefore(now);
        boolean stale = latest != null && (failed || old);
        Instant rateLimitedUntil = UpstreamFailure.RATE_LIMITED.equals(failureCode) && account.nextFetchNotBefore != null
                && account.nextFetchNotBefore.isAfter(now) ? account.nextFetchNotBefore : null;

        String type = latest == null ? null : latest.billingType;
        boolean subscription = UsersMe.SUBSCRIPTION.equals(type);
        boolean usageBased = UsersMe.USAGE_BASED.equals(type);
        boolean balanceUnknown = latest != null && !subscription && (usageBased ? latest.spendingCurrentUsd == null
                : latest.remainingBalance == null);
        boolean credits = latest != null && CREDITS.equals(latest.currency);
        boolean lowBalance = latest != null && !subscription && !usageBased && USD.equals(latest.currency)
                && latest.remainingBalance != null && account.lowBalanceThresholdUsd != null
                && latest.remainingBalance.compareTo(account.lowBalanceThresholdUsd) < 0;
        String subscriptionWarning = subscription
                ? "This key belongs to a web subscription" + plan(latest) + ": HeyGen bills it against that plan, not"
                        + " against the Enterprise API balance. Connect the account's Enterprise API key to follow its spend."
                : null;

        String[] status = status(hasKey, keyUnreadable, failureCode, latest, stale);
        return new WalletView(hasKey, keyUnreadable, account.demo, latest,
                latest == null ? "never" : Formats.age(latest.fetchedAt), stale, account.lastRefreshAt, failureCode,
                failed ? account.lastRefreshError : null, rateLimitedUntil, billingTypeText(type),
                usageBased ? "Spent this month" : subscription ? "Web subscription" : "Remaining balance",
                latest == null ? null : amountText(latest), balanceUnknown, credits, subscriptionWarning, lowBalance,
                latest == null ? List.of() : facts(account, latest), status[0], status[1]);
    }

    /** The flash message of a successful refresh. */
    static String updatedMessage(WalletSnapshot s) {
        if (UsersMe.USAGE_BASED.equals(s.billingType)) {
            return "Wallet updated: " + money(s.spendingCurrentUsd) + " spent this month"
                    + (s.spendingCapUsd == null ? "" : " of a " + Formats.usd(s.spendingCapUsd) + " spending cap") + ".";
        }
        if (UsersMe.SUBSCRIPTION.equals(s.billingType)) {
            return "Wallet read: this key bills a web subscription" + plan(s) + ", not the Enterprise API balance.";
        }
        if (s.remainingBalance == null) {
            return "Wallet read: HeyGen reported no balance, so it shows as unknown.";
        }
        return "Balance updated: " + balanceText(s);
    }

    /** The headline figure of a snapshot. */
    static String amountText(WalletSnapshot s) {
        if (UsersMe.USAGE_BASED.equals(s.billingType)) {
            return money(s.spendingCurrentUsd);
        }
        if (UsersMe.SUBSCRIPTION.equals(s.billingType)) {
            return s.subscriptionPlan == null ? "web plan" : s.subscriptionPlan + " plan";
        }
        return balanceText(s);
    }

    /** A balance in its own unit: {@code $68,899.45}, {@code 12,500 credits}, or {@code unknown}. */
    static String balanceText(WalletSnapshot s) {
        if (s.remainingBalance == null) {
            return UNKNOWN;
        }
        if (USD.equals(s.currency)) {
            return Formats.usd(s.remainingBalance);
        }
        if (s.currency == null) {
            return Formats.grouped(s.remainingBalance) + " (unit not reported)";
        }
        return Formats.grouped(s.remainingBalance) + " " + s.currency;
    }

    private static String money(BigDecimal usd) {
        return usd == null ? UNKNOWN : Formats.usd(usd);
    }

    private static String plan(WalletSnapshot s) {
        return s.subscriptionPlan == null ? "" : " (" + s.subscriptionPlan + " plan)";
    }

    private static String billingTypeText(String type) {
        if (type == null) {
            return "Imported balance";
        }
        return switch (type) {
            case UsersMe.WALLET -> "Prepaid wallet";
            case UsersMe.USAGE_BASED -> "Usage-based billing";
            case UsersMe.SUBSCRIPTION -> "Web subscription";
            default -> type;
        };
    }

    private static List<Fact> facts(Account account, WalletSnapshot s) {
        List<Fact> facts = new ArrayList<>();
        if (UsersMe.USAGE_BASED.equals(s.billingType)) {
            facts.add(new Fact("Spent this month", money(s.spendingCurrentUsd)));
            facts.add(new Fact("Spending cap", s.spendingCapUsd == null ? "none reported" : Formats.usd(s.spendingCapUsd)));
            if (s.spendingCurrentUsd != null && s.spendingCapUsd != null && s.spendingCapUsd.signum() > 0) {
                facts.add(new Fact("Cap used", Formats.pct(s.spendingCurrentUsd.multiply(BigDecimal.valueOf(100))
                        .divide(s.spendingCapUsd, 1, RoundingMode.HALF_UP))));
            }
        } else if (UsersMe.SUBSCRIPTION.equals(s.billingType)) {
            facts.add(new Fact("Plan", s.subscriptionPlan == null ? "not reported" : s.subscriptionPlan));
        } else {
            facts.add(new Fact("Balance", balanceText(s)));
            facts.add(new Fact("Unit", s.currency == null ? "not reported" : USD.equals(s.currency) ? "US dollars" : s.currency));
            if (s.source == WalletSnapshot.Source.FETCHED) {
                facts.add(new Fact("Auto-reload", autoReload(s)));
            }
            if (account.lowBalanceThresholdUsd != null && USD.equals(s.currency)) {
                facts.add(new Fact("Low-balance alert", "below " + Formats.usd(account.lowBalanceThresholdUsd)));
            }
        }
        facts.add(new Fact("Source", s.source == WalletSnapshot.Source.IMPORTED ? "imported by an admin"
                : account.demo ? "the portal's built-in demo upstream" : "read from HeyGen"));
        return facts;
    }

    private static String autoReload(WalletSnapshot s) {
        if (s.autoReloadEnabled == null) {
            return "not reported";
        }
        if (!s.autoReloadEnabled) {
            return "off";
        }
        if (s.autoReloadAmountUsd == null || s.autoReloadThresholdUsd == null) {
            return "on";
        }
        return "on: adds " + Formats.usd(s.autoReloadAmountUsd) + " when the balance falls below "
                + Formats.usd(s.autoReloadThresholdUsd);
    }

    private static String[] status(boolean hasKey, boolean keyUnreadable, String failureCode, WalletSnapshot latest,
            boolean stale) {
        if (!hasKey) {
            return new String[] {"muted", "no API key"};
        }
        if (keyUnreadable) {
            return new String[] {"bad", "key unreadable"};
        }
        if (UpstreamFailure.UNAUTHORIZED.equals(failureCode) || UpstreamFailure.FORBIDDEN.equals(failureCode)) {
            return new String[] {"bad", "key rejected"};
        }
        if (UpstreamFailure.RATE_LIMITED.equals(failureCode)) {
            return new String[] {"warn", "rate limited"};
        }
        if (failureCode != null) {
            return new String[] {"warn", "last refresh failed"};
        }
        if (latest == null) {
            return new String[] {"muted", "not read yet"};
        }
        return stale ? new String[] {"warn", "stale"} : new String[] {"ok", "live"};
    }

    /** Whether the stored key decrypts; a key that does not is shown as unreadable, never silently skipped. */
    private static boolean keyReadable(Account account) {
        if (!account.hasApiKey()) {
            return true;
        }
        ArcContainer container = Arc.container();
        if (container == null || !container.isRunning()) {
            return !UpstreamFailure.KEY_UNREADABLE.equals(account.lastRefreshErrorCode);
        }
        try {
            container.instance(ApiKeyCipher.class).get().decrypt(account.apiKeyCiphertext);
            return true;
        } catch (ApiKeyCipher.UnreadableKeyException e) {
            return false;
        }
    }
}
