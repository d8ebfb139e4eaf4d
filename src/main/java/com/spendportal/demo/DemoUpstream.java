package com.spendportal.demo;

import com.spendportal.accounts.Account;
import com.spendportal.accounts.ApiKeyCipher;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built-in fake of HeyGen's {@code GET /v3/users/me} that demo accounts read (DESIGN §8),
 * shaped like the fixtures in {@code heygen/}. It answers only for the key of an existing demo
 * account (401 otherwise, as HeyGen does), so it exposes nothing but made-up demo figures.
 */
@Path("/demo-heygen/v3/users/me")
@PermitAll
class DemoUpstream {

    @Inject
    ApiKeyCipher cipher;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response usersMe(@HeaderParam("x-api-key") String apiKey) {
        DemoProfile profile = apiKey == null ? null : DemoProfile.forKey(apiKey);
        Account account = profile == null ? null : demoAccount(apiKey);
        if (account == null) {
            return Response.status(401).entity(Map.of("error", Map.of("code", "unauthorized",
                    "message", "The API key provided is invalid, expired, or missing."))).build();
        }
        Instant now = Instant.now();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("username", profile.keyTag + "_demo");
        data.put("email", null);
        if (profile.usageBased()) {
            data.put("billing_type", "usage_based");
            data.put("wallet", null);
            data.put("subscription", null);
            data.put("usage_based", Map.of("spending_current_usd", profile.spendingCurrentUsd(now),
                    "spending_cap_usd", profile.spendingCapUsd()));
        } else {
            data.put("billing_type", "wallet");
            data.put("wallet", Map.of("currency", "usd", "remaining_balance", profile.balance(account.createdAt, now),
                    "auto_reload", Map.of("enabled", false)));
            data.put("subscription", null);
            data.put("usage_based", null);
        }
        return Response.ok(Map.of("data", data)).build();
    }

    private Account demoAccount(String apiKey) {
        byte[] given = apiKey.getBytes(StandardCharsets.UTF_8);
        for (Account account : Account.<Account>list("demo = true and apiKeyCiphertext is not null")) {
            try {
                if (MessageDigest.isEqual(given, cipher.decrypt(account.apiKeyCiphertext).getBytes(StandardCharsets.UTF_8))) {
                    return account;
                }
            } catch (ApiKeyCipher.UnreadableKeyException e) {
                // not this one
            }
        }
        return null;
    }
}
