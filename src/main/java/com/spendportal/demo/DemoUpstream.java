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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The built-in fake of HeyGen that demo accounts read (DESIGN §8, §18), shaped like the fixtures in {@code heygen/}:
 * {@code GET /v3/users/me}, the job list {@code GET /v3/videos} (newest first, {@code limit} 1 to 100, paged by
 * {@code token}, filtered by {@code folder_id} and {@code title}), one job {@code GET /v3/videos/{id}} and one folder
 * {@code GET /v3/folders/{id}}. It answers only for the key of an existing demo account (401 otherwise, as HeyGen does),
 * so it exposes nothing but made-up demo figures.
 */
@Path("/demo-heygen/v3")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
class DemoUpstream {

    /** Jobs a page when the request does not say. */
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;
    private static final String TOKEN_PREFIX = "from:";

    @Inject
    ApiKeyCipher cipher;

    /** A demo account and its profile, found by the key. */
    private record Demo(Account account, DemoProfile profile) {

        DemoJobs jobs() {
            return new DemoJobs(account.id, account.createdAt, profile.secondsPerDay());
        }
    }

    @GET
    @Path("users/me")
    public Response usersMe(@HeaderParam("x-api-key") String apiKey) {
        Demo demo = demo(apiKey);
        if (demo == null) {
            return unauthorized();
        }
        DemoProfile profile = demo.profile();
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
            data.put("wallet", Map.of("currency", "usd", "remaining_balance", profile.balance(demo.account().createdAt, now),
                    "auto_reload", Map.of("enabled", false)));
            data.put("subscription", null);
            data.put("usage_based", null);
        }
        return Response.ok(Map.of("data", data)).build();
    }

    /** The job list, newest first; {@code next_token} names the job to go on from. */
    @GET
    @Path("videos")
    public Response videos(@HeaderParam("x-api-key") String apiKey, @RestQuery String limit, @RestQuery String token,
            @RestQuery("folder_id") String folderId, @RestQuery String title) {
        Demo demo = demo(apiKey);
        if (demo == null) {
            return unauthorized();
        }
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = 0;
            }
            if (size < 1 || size > MAX_LIMIT) {
                return error(400, "invalid_parameter", "limit must be an integer from 1 to " + MAX_LIMIT + ".", "limit");
            }
        }
        Instant now = Instant.now();
        DemoJobs jobs = demo.jobs();
        long next = jobs.count(now) - 1;
        if (token != null) {
            next = Math.min(next, before(token));
            if (next < -1) {
                return error(400, "invalid_parameter", "The token is not valid.", "token");
            }
        }
        String titlePart = title == null || title.isBlank() ? null : title.toLowerCase(Locale.ROOT);
        List<Map<String, Object>> data = new ArrayList<>();
        boolean more = false;
        for (long n = next; n >= 0; n--) {
            Map<String, Object> item = jobs.item(n, now);
            if (folderId != null && !folderId.isBlank() && !folderId.equals(item.get("folder_id"))
                    || titlePart != null && !((String) item.get("title")).toLowerCase(Locale.ROOT).contains(titlePart)) {
                continue;
            }
            if (data.size() == size) {
                more = true;
                break;
            }
            data.add(item);
            next = n - 1;
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("data", data);
        page.put("has_more", more);
        page.put("next_token", more ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + next).getBytes(StandardCharsets.UTF_8)) : null);
        return Response.ok(page).build();
    }

    @GET
    @Path("videos/{videoId}")
    public Response video(@HeaderParam("x-api-key") String apiKey, @RestPath String videoId) {
        Demo demo = demo(apiKey);
        if (demo == null) {
            return unauthorized();
        }
        Instant now = Instant.now();
        DemoJobs jobs = demo.jobs();
        OptionalLong n = jobs.number(videoId);
        if (n.isEmpty() || n.getAsLong() >= jobs.count(now)) {
            return error(404, "not_found", "Video not found", null);
        }
        return Response.ok(Map.of("data", jobs.item(n.getAsLong(), now))).build();
    }

    @GET
    @Path("folders/{folderId}")
    public Response folder(@HeaderParam("x-api-key") String apiKey, @RestPath String folderId) {
        if (demo(apiKey) == null) {
            return unauthorized();
        }
        DemoJobs.Folder folder = DemoJobs.folder(folderId);
        if (folder == null) {
            return error(404, "not_found", "Folder not found", null);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("folder_id", folder.id());
        data.put("name", folder.name());
        data.put("parent_id", null);
        data.put("type", "video");
        data.put("is_trash", false);
        data.put("created_at", DemoJobs.FOLDERS_CREATED);
        data.put("updated_at", DemoJobs.FOLDERS_CREATED);
        data.put("creator_username", "demo");
        return Response.ok(Map.of("data", data)).build();
    }

    /** The job a token goes on from (the newest of the next page); below -1 when the token is not one of ours. */
    private static long before(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return text.startsWith(TOKEN_PREFIX) ? Long.parseLong(text.substring(TOKEN_PREFIX.length())) : -2;
        } catch (IllegalArgumentException e) {
            return -2;
        }
    }

    private static Response unauthorized() {
        return error(401, "unauthorized", "The API key provided is invalid, expired, or missing.", null);
    }

    private static Response error(int status, String code, String message, String param) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("param", param);
        error.put("doc_url", "https://docs.demo.invalid/errors#" + code);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", error)).build();
    }

    private Demo demo(String apiKey) {
        DemoProfile profile = apiKey == null ? null : DemoProfile.forKey(apiKey);
        if (profile == null) {
            return null;
        }
        byte[] given = apiKey.getBytes(StandardCharsets.UTF_8);
        for (Account account : Account.<Account>list("demo = true and apiKeyCiphertext is not null")) {
            try {
                if (MessageDigest.isEqual(given, cipher.decrypt(account.apiKeyCiphertext).getBytes(StandardCharsets.UTF_8))) {
                    return new Demo(account, profile);
                }
            } catch (ApiKeyCipher.UnreadableKeyException e) {
                // not this one
            }
        }
        return null;
    }
}
