package com.spendportal.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Set;

/**
 * What the portal reads from {@code GET /v3/users/me} (DESIGN §6): only the object named by
 * {@code data.billing_type} is filled; unknown fields are ignored. Amounts go from the JSON text
 * straight into {@link BigDecimal}, never through double.
 */
record UsersMe(String billingType, String currency, BigDecimal remainingBalance, Boolean autoReloadEnabled,
        BigDecimal autoReloadThresholdUsd, BigDecimal autoReloadAmountUsd, BigDecimal spendingCurrentUsd,
        BigDecimal spendingCapUsd, String subscriptionPlan) {

    static final String WALLET = "wallet";
    static final String USAGE_BASED = "usage_based";
    static final String SUBSCRIPTION = "subscription";
    private static final Set<String> BILLING_TYPES = Set.of(WALLET, USAGE_BASED, SUBSCRIPTION);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** @throws UpstreamFailure.Invalid when the body is not JSON of the documented shape */
    static UsersMe parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UpstreamFailure.Invalid("HeyGen's answer is not valid JSON (it may have been cut off).");
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isObject()) {
            throw new UpstreamFailure.Invalid("HeyGen's answer has no \"data\" object.");
        }
        String billingType = text(data.get("billing_type"));
        if (billingType == null || !BILLING_TYPES.contains(billingType)) {
            throw new UpstreamFailure.Invalid("HeyGen's answer has an unexpected billing_type.");
        }
        JsonNode wallet = data.path(WALLET);
        JsonNode autoReload = wallet.path("auto_reload");
        JsonNode usage = data.path(USAGE_BASED);
        JsonNode subscription = data.path(SUBSCRIPTION);
        boolean isWallet = WALLET.equals(billingType);
        boolean isUsage = USAGE_BASED.equals(billingType);
        return new UsersMe(billingType,
                isWallet ? lower(text(wallet.get("currency"))) : null,
                isWallet ? amount(wallet.get("remaining_balance"), "remaining_balance") : null,
                isWallet && autoReload.isObject() && autoReload.path("enabled").isBoolean() ? autoReload.get("enabled").booleanValue() : null,
                isWallet ? amount(autoReload.get("threshold_usd"), "threshold_usd") : null,
                isWallet ? amount(autoReload.get("amount_usd"), "amount_usd") : null,
                isUsage ? amount(usage.get("spending_current_usd"), "spending_current_usd") : null,
                isUsage ? amount(usage.get("spending_cap_usd"), "spending_cap_usd") : null,
                SUBSCRIPTION.equals(billingType) ? limit(text(subscription.get("plan")), 50) : null);
    }

    WalletSnapshot toSnapshot(long accountId, Instant fetchedAt) {
        WalletSnapshot s = new WalletSnapshot();
        s.accountId = accountId;
        s.fetchedAt = fetchedAt;
        s.source = WalletSnapshot.Source.FETCHED;
        s.billingType = billingType;
        s.currency = currency;
        s.remainingBalance = remainingBalance;
        s.autoReloadEnabled = autoReloadEnabled;
        s.autoReloadThresholdUsd = autoReloadThresholdUsd;
        s.autoReloadAmountUsd = autoReloadAmountUsd;
        s.spendingCurrentUsd = spendingCurrentUsd;
        s.spendingCapUsd = spendingCapUsd;
        s.subscriptionPlan = subscriptionPlan;
        return s;
    }

    private static String text(JsonNode node) {
        return node == null || !node.isTextual() ? null : node.textValue().strip();
    }

    private static String lower(String text) {
        return text == null ? null : limit(text.toLowerCase(java.util.Locale.ROOT), 10);
    }

    private static String limit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** A number (or numeric text) rounded HALF_UP to the 2 decimals the columns keep; null stays null. */
    private static BigDecimal amount(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        BigDecimal value;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (node.isTextual()) {
            try {
                value = new BigDecimal(node.textValue().strip());
            } catch (NumberFormatException e) {
                throw new UpstreamFailure.Invalid("HeyGen's answer has a non-numeric " + field + ".");
            }
        } else {
            throw new UpstreamFailure.Invalid("HeyGen's answer has a non-numeric " + field + ".");
        }
        value = value.setScale(2, RoundingMode.HALF_UP);
        if (value.precision() - value.scale() > 12) {
            throw new UpstreamFailure.Invalid("HeyGen's answer has an out-of-range " + field + ".");
        }
        return value;
    }
}
