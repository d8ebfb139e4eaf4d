package com.spendportal.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.jobs.Job;
import com.spendportal.support.Api;
import com.spendportal.support.JobRows;
import com.spendportal.support.Users;
import com.spendportal.web.Dates;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/accounts/{id}/jobs} and {@code /job-days} (DESIGN §18); every answer is checked against /q/openapi. */
@QuarkusTest
class JobApiTest {

    @BeforeEach
    void viewer() {
        Users.ensureViewer();
    }

    private static RequestSpecification viewerApi() {
        return Api.as(Users.VIEWER, Users.VIEWER_PASSWORD);
    }

    private static JsonPath json(Response response) {
        return response.jsonPath(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    @Test
    void aViewerWalksEveryJobNewestFirstByTheLinkHeader() {
        long id = JobRows.accountWithSixtyJobs();
        List<String> expected = new ArrayList<>();
        for (int i = 59; i >= 0; i--) {
            expected.add(String.format("job-%03d", i));
        }
        List<String> seen = new ArrayList<>();
        List<String> links = new ArrayList<>();
        Response page = viewerApi().queryParam("limit", 25).get("/api/accounts/" + id + "/jobs");
        while (true) {
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("jobId"));
            String link = page.getHeader("Link");
            if (link == null) {
                break;
            }
            links.add(link);
            page = viewerApi().urlEncodingEnabled(false).get(link.substring(1, link.indexOf('>')));
        }
        assertEquals(expected, seen);
        assertEquals(List.of("</api/accounts/" + id + "/jobs?limit=25&before=job-035>; rel=\"next\"",
                "</api/accounts/" + id + "/jobs?limit=25&before=job-010>; rel=\"next\""), links);

        JsonPath all = json(Api.admin().queryParam("limit", 1000).get("/api/accounts/" + id + "/jobs"));
        assertEquals(60, all.getList("$").size());
        Map<String, Object> processing = all.getMap("[0]");
        assertEquals("job-059", processing.get("jobId"));
        assertEquals("processing", processing.get("status"));
        assertEquals("2026-02-02T10:00:00Z", processing.get("createdAt"));
        for (String absent : List.of("completedAt", "durationSeconds", "folderId", "folderName", "title")) {
            assertTrue(processing.containsKey(absent) && processing.get(absent) == null, absent + " is null");
        }
        Map<String, Object> first = all.getMap("[58]");
        assertEquals(Map.of("jobId", "job-001", "status", "completed", "createdAt", "2026-01-01T01:00:00Z",
                "completedAt", "2026-01-01T01:10:00Z", "durationSeconds", new BigDecimal("92.417"), "folderId", "fld_unread",
                "kind", "VIDEO", "title", "Video 1"), withoutNulls(first));
        assertNull(first.get("folderName"), "a folder never read has no name");
        assertEquals("Marketing", all.getString("[56].folderName"));
        assertEquals("fld_mkt", all.getString("[56].folderId"));
    }

    @Test
    void theFiltersAreThePagesAndPageWithThem() {
        long id = JobRows.accountWithSixtyJobs();
        String jobs = "/api/accounts/" + id + "/jobs";
        Response first = viewerApi().queryParams(Map.of("folder", "none", "status", "completed", "month", "2026-01",
                "limit", 10)).get(jobs);
        first.then().statusCode(200).body("$", hasSize(10)).body("[0].jobId", equalTo("job-056"));
        String link = first.getHeader("Link");
        assertEquals("</api/accounts/" + id + "/jobs?folder=none&status=completed&month=2026-01&limit=10&before=job-029>;"
                + " rel=\"next\"", link);
        Response second = viewerApi().urlEncodingEnabled(false).get(link.substring(1, link.indexOf('>')));
        second.then().statusCode(200).body("$", hasSize(9)).body("[8].jobId", equalTo("job-002"));
        assertNull(second.getHeader("Link"));

        viewerApi().queryParam("folder", "fld_mkt").get(jobs).then().statusCode(200).body("$", hasSize(21));
        viewerApi().queryParam("status", "FAILED").get(jobs).then().statusCode(200).body("jobId", equalTo(List.of("job-007")));
        viewerApi().queryParam("month", "2026-02").get(jobs).then().statusCode(200)
                .body("jobId", equalTo(List.of("job-059", "job-058")));
        viewerApi().queryParam("month", "2025-12").get(jobs).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void badParametersAreA400NamingThem() {
        long id = JobRows.accountWithSixtyJobs();
        String jobs = "/api/accounts/" + id + "/jobs";
        Map<String, String> cases = Map.of("month", "2026-1", "status", "done", "limit", "0", "before", "no-such-job",
                "folder", "a\tb");
        cases.forEach((name, value) -> viewerApi().queryParam(name, value).get(jobs).then().statusCode(400)
                .body("error.code", equalTo("invalid")).body("error.field", equalTo(name)));
        viewerApi().queryParam("month", "2026-1").get(jobs).then().body("error.message", equalTo("month: " + Dates.MONTH_MESSAGE));
        viewerApi().queryParam("limit", "abc").get(jobs).then().statusCode(400).body("error.field", equalTo("limit"));
        viewerApi().queryParam("limit", "1001").get(jobs).then().statusCode(400).body("error.field", equalTo("limit"));
        viewerApi().get("/api/accounts/987654321/jobs").then().statusCode(404);
        viewerApi().get("/api/accounts/987654321/job-days").then().statusCode(404);
    }

    @Test
    void jobDaysGiveEachDayFolderAndKindForARange() {
        long id = JobRows.accountWithSixtyJobs();
        String days = "/api/accounts/" + id + "/job-days";
        JsonPath january = json(viewerApi().queryParams(Map.of("from", "2026-01-01", "to", "2026-01-31")).get(days)
                .then().statusCode(200).extract().response());
        // 1 Jan: jobs 0 to 23 completed that day; no folder: 2, 5, ... 23 (14 a translation); Marketing: 0, 3, ... 21;
        // the unread folder: 1 (92.417 s), 4 (a translation), 10, ... 22 (7 failed, free); 60 s each otherwise
        assertEquals(List.of(
                row("2026-01-01", null, null, "TRANSLATION", 1, "60.000"),
                row("2026-01-01", null, null, "VIDEO", 7, "420.000"),
                row("2026-01-01", "fld_mkt", "Marketing", "VIDEO", 8, "480.000"),
                row("2026-01-01", "fld_unread", null, "TRANSLATION", 1, "60.000"),
                row("2026-01-01", "fld_unread", null, "VIDEO", 6, "392.417")), january.getList("$").subList(0, 5));
        assertEquals("2026-01-03", january.getString("[-1].day"));

        viewerApi().queryParam("from", "2026-02-01").get(days).then().statusCode(200)
                .body("day", equalTo(List.of("2026-02-02"))).body("[0].seconds", equalTo(30.5f));
        viewerApi().queryParam("to", "2026-01-31").get(days).then().statusCode(200).body("[0].day", equalTo("2026-01-01"));
        viewerApi().queryParams(Map.of("from", "2025-12-01", "to", "2025-12-31")).get(days).then().statusCode(200)
                .body("$", hasSize(0));

        viewerApi().queryParams(Map.of("from", "2026-01-01", "to", "2027-01-02")).get(days).then().statusCode(400)
                .body("error.field", equalTo("from"));
        viewerApi().queryParams(Map.of("from", "2026-01-01", "to", "2027-01-01")).get(days).then().statusCode(200);
        viewerApi().queryParams(Map.of("from", "2026-02-01", "to", "2026-01-31")).get(days).then().statusCode(400)
                .body("error.field", equalTo("from"));
        viewerApi().queryParam("to", "2026-02-30").get(days).then().statusCode(400).body("error.field", equalTo("to"))
                .body("error.message", equalTo("to: " + Dates.DAY_MESSAGE));
    }

    @Test
    void jobDaysDefaultToThisMonthAndAreEmptyWhileTheJobsWereNeverRead() {
        long id = Api.createAccount(Api.uniqueName("Job days"), null);
        String days = "/api/accounts/" + id + "/job-days";
        Api.admin().get(days).then().statusCode(200).body("$", hasSize(0));
        Instant start = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        JobRows.store(id, Map.of(), List.of(
                JobRows.completed("now", start, start.plusSeconds(5), "12.5", "", "this month"),
                JobRows.job("tr", "completed", start, start.plusSeconds(6), "7", "", Job.TRANSLATION, "this month too"),
                JobRows.completed("then", start.minusSeconds(3600), start.minusSeconds(60), "99", "", "last month")));
        Api.admin().get(days).then().statusCode(200).body("$", hasSize(2))
                .body("day", equalTo(List.of(start.toString().substring(0, 10), start.toString().substring(0, 10))))
                .body("kind", equalTo(List.of("TRANSLATION", "VIDEO")));
    }

    private static Map<String, Object> row(String day, String folderId, String folderName, String kind, int jobs,
            String seconds) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("day", day);
        row.put("folderId", folderId);
        row.put("folderName", folderName);
        row.put("kind", kind);
        row.put("jobs", jobs);
        row.put("seconds", new BigDecimal(seconds));
        return row;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> copy = new java.util.HashMap<>(map);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }
}
