package com.spendportal.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.spendportal.support.HeyGenWireMock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A job list on the fake HeyGen for one key: its pages, jobs by id and folders (DESIGN §18's wire format). */
final class JobLists {

    static final String VIDEOS = "/v3/videos";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobLists() {
    }

    static String newKey() {
        return "sk_fake_jobs_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A job as HeyGen lists it; null values are left out. */
    static Map<String, Object> job(String id, String status, Instant createdAt, Instant completedAt, String duration,
            String folderId, String outputLanguage, String title) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("id", id);
        job.put("status", status);
        job.put("title", title);
        job.put("created_at", createdAt.getEpochSecond());
        if (completedAt != null) {
            job.put("completed_at", completedAt.getEpochSecond());
        }
        if (duration != null) {
            job.put("duration", new BigDecimal(duration));
        }
        if (folderId != null) {
            job.put("folder_id", folderId);
        }
        if (outputLanguage != null) {
            job.put("output_language", outputLanguage);
        }
        return job;
    }

    static Map<String, Object> completed(String id, Instant createdAt, String duration) {
        return job(id, "completed", createdAt, createdAt.plusSeconds(600), duration, null, null, "Video " + id);
    }

    static String page(List<?> jobs, boolean hasMore, String nextToken) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("data", jobs);
        page.put("has_more", hasMore);
        page.put("next_token", nextToken);
        return json(page);
    }

    static String one(Map<String, Object> job) {
        return json(Map.of("data", job));
    }

    /** Serves {@code jobs} (newest first) in pages of 100, the tokens made of {@code key} and the page number. */
    static void serve(WireMockServer server, String key, List<Map<String, Object>> jobs) {
        int pages = Math.max(1, (jobs.size() + 99) / 100);
        for (int p = 0; p < pages; p++) {
            List<Map<String, Object>> slice = jobs.subList(p * 100, Math.min(jobs.size(), (p + 1) * 100));
            boolean more = p + 1 < pages;
            stubPage(server, key, p == 0 ? null : token(key, p + 1), ok(page(slice, more, more ? token(key, p + 2) : null)));
        }
    }

    static String token(String key, int page) {
        return "tok-" + key.substring(key.length() - 6) + "-" + page;
    }

    /** The page asked for with {@code token} (null: the first page). */
    static void stubPage(WireMockServer server, String key, String token, ResponseDefinitionBuilder response) {
        MappingBuilder request = get(urlPathEqualTo(VIDEOS)).withHeader("x-api-key", equalTo(key))
                .withQueryParam("limit", equalTo("100"));
        request = token == null ? request.withQueryParam("token", absent()) : request.withQueryParam("token", equalTo(token));
        server.stubFor(request.willReturn(response));
    }

    static void stubVideo(WireMockServer server, String key, String id, ResponseDefinitionBuilder response) {
        server.stubFor(get(urlPathEqualTo(VIDEOS + "/" + id)).withHeader("x-api-key", equalTo(key)).willReturn(response));
    }

    static void stubFolder(WireMockServer server, String key, String id, ResponseDefinitionBuilder response) {
        server.stubFor(get(urlPathEqualTo("/v3/folders/" + id)).withHeader("x-api-key", equalTo(key)).willReturn(response));
    }

    static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder fixture(int status, String name) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(HeyGenWireMock.fixture(name));
        return status == 429 ? response.withHeader("Retry-After", "30") : response;
    }

    /** Requests of the list (every page) with this key. */
    static int listCalls(WireMockServer server, String key) {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo(VIDEOS)).withHeader("x-api-key", equalTo(key)).build())
                .getCount();
    }

    /** Requests of jobs by id with this key. */
    static int lookupCalls(WireMockServer server, String key) {
        return server.countRequestsMatching(getRequestedFor(urlPathMatching(VIDEOS + "/.+")).withHeader("x-api-key", equalTo(key))
                .build()).getCount();
    }

    static int folderCalls(WireMockServer server, String key) {
        return server.countRequestsMatching(getRequestedFor(urlPathMatching("/v3/folders/.+")).withHeader("x-api-key", equalTo(key))
                .build()).getCount();
    }

    /** The ids asked for by id with this key, in order. */
    static List<String> lookedUp(WireMockServer server, String key) {
        List<String> ids = new ArrayList<>();
        server.findAll(getRequestedFor(urlPathMatching(VIDEOS + "/.+")).withHeader("x-api-key", equalTo(key)))
                .forEach(r -> ids.add(r.getUrl().substring(VIDEOS.length() + 1)));
        return ids;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
