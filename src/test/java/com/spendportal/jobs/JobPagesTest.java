package com.spendportal.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.JobRows;
import com.spendportal.support.Users;
import com.spendportal.web.Dates;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.StringReader;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account page's usage by folder, the jobs page and its CSV (DESIGN §18). */
@QuarkusTest
class JobPagesTest {

    @BeforeEach
    void viewer() {
        Users.ensureViewer();
    }

    @Test
    void theJobsPageListsNewestFirstFiftyAPageWithEveryColumn() {
        long id = JobRows.accountWithSixtyJobs();
        Browser viewer = Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD);
        Document first = viewer.page("/accounts/" + id + "/jobs");
        Element table = first.selectFirst("table.jobs");
        List<Element> rows = table.select("tbody tr");
        assertEquals(50, rows.size());
        assertEquals(List.of("Created", "Completed", "Status", "Folder", "Kind", "Duration", "Title"),
                table.select("thead th").eachText());
        // newest first: the processing one of February, then the completed one, then January from job-057 down
        assertEquals(List.of("2 Feb 2026 10:00 UTC", "–", "processing", "No folder", "Video", "–", "(no title)"),
                cells(rows.get(0)));
        assertEquals(List.of("2 Feb 2026 09:00 UTC", "2 Feb 2026 09:01 UTC", "completed", "Marketing", "Video", "30.5 s",
                "February one"), cells(rows.get(1)));
        assertEquals("Video 57", cells(rows.get(2)).get(6));
        assertEquals("Video 10", cells(rows.get(49)).get(6));

        String older = first.selectFirst(".pager a:containsOwn(Older)").attr("href");
        assertEquals("/accounts/" + id + "/jobs?before=job-010", older);
        Document second = viewer.page(older);
        List<Element> rest = second.select("table.jobs tbody tr");
        assertEquals(10, rest.size());
        assertEquals(List.of("1 Jan 2026 09:00 UTC", "1 Jan 2026 09:10 UTC", "completed", "Marketing", "Video", "60 s",
                "Video 9"), cells(rest.get(0)));
        assertEquals(List.of("1 Jan 2026 07:00 UTC", "1 Jan 2026 07:05 UTC", "failed", "fld_unread", "Video", "–",
                "Video 7"), cells(rest.get(2)));
        assertEquals(List.of("1 Jan 2026 04:00 UTC", "1 Jan 2026 04:10 UTC", "completed", "fld_unread", "Translation",
                "60 s", "Video 4"), cells(rest.get(5)));
        assertEquals("92.417 s", cells(rest.get(8)).get(5));
        assertTrue(second.select(".pager a:containsOwn(Older)").isEmpty());
        assertEquals("/accounts/" + id + "/jobs", second.selectFirst(".pager a:containsOwn(Newest)").attr("href"));

        // the title is text, never markup
        Element script = rest.get(4).select("td").last();
        assertEquals("<script>alert('x')</script> & co", script.text());
        assertTrue(script.select("script").isEmpty());
        assertTrue(viewer.get(older).asString().contains("&lt;script&gt;alert("));
        assertEquals("/accounts/" + id + "/jobs.csv", first.selectFirst("a[download]").attr("href"));
    }

    @Test
    void theFiltersNarrowTheListAndBadOnesAreTold() {
        long id = JobRows.accountWithSixtyJobs();
        Browser admin = Browser.admin();
        String jobs = "/accounts/" + id + "/jobs";

        Document marketing = admin.page(jobs + "?folder=fld_mkt&month=2026-01");
        assertEquals(20, marketing.select("table.jobs tbody tr").size());
        assertTrue(marketing.select("table.jobs tbody tr").stream().allMatch(tr -> cells(tr).get(3).equals("Marketing")));
        assertEquals("fld_mkt", marketing.selectFirst("#f-folder option[selected]").val());
        assertEquals("2026-01", marketing.selectFirst("#f-month").val());
        assertEquals(List.of("", "none", "fld_unread", "fld_mkt"), marketing.select("#f-folder option").eachAttr("value"));
        assertEquals(List.of("any", "No folder", "fld_unread", "Marketing"), marketing.select("#f-folder option").eachText());
        assertEquals(jobs + ".csv?folder=fld_mkt&month=2026-01", marketing.selectFirst("a[download]").attr("href"));

        Document none = admin.page(jobs + "?folder=none");
        assertEquals(20, none.select("table.jobs tbody tr").size());
        assertTrue(none.select("table.jobs tbody tr").stream().allMatch(tr -> cells(tr).get(3).equals("No folder")));

        Document failed = admin.page(jobs + "?status=failed");
        assertEquals(List.of("Video 7"), failed.select("table.jobs tbody tr").stream().map(tr -> cells(tr).get(6)).toList());
        Document february = admin.page(jobs + "?month=2026-02");
        assertEquals(2, february.select("table.jobs tbody tr").size());
        Document nothing = admin.page(jobs + "?month=2025-12");
        assertEquals("No job matches.", nothing.select("table.jobs tbody td").text());

        Response bad = admin.get(jobs + "?month=2026-13&status=done");
        assertEquals(400, bad.statusCode());
        Document refused = Jsoup.parse(bad.asString());
        assertEquals(Dates.MONTH_MESSAGE, refused.select("#e-month").text());
        assertEquals("2026-13", refused.selectFirst("#f-month").val());
        assertEquals("true", refused.selectFirst("#f-month").attr("aria-invalid"));
        assertEquals(JobFilter.STATUS_MESSAGE, refused.select("#e-status").text());
        assertEquals(50, refused.select("table.jobs tbody tr").size(), "the newest of all meanwhile");
        assertTrue(refused.select(".alert-bad").text().startsWith("Fix the filter above"));

        Response gone = admin.get(jobs + "?before=no-such-job");
        assertEquals(400, gone.statusCode());
        assertTrue(Jsoup.parse(gone.asString()).select(".alert-bad").text().contains("no job no-such-job"));
    }

    @Test
    void anAccountWhoseJobsWereNeverReadSaysSoAndAMissingOneIs404() {
        long id = Api.createAccount(Api.uniqueName("Jobs unread"), null);
        Browser admin = Browser.admin();
        assertEquals("This account's jobs have not been read from HeyGen yet.",
                admin.page("/accounts/" + id + "/jobs").select("table.jobs tbody td").text());
        assertNull(admin.page("/accounts/" + id).getElementById("usage-by-folder"));
        assertEquals(404, admin.get("/accounts/987654321/jobs").statusCode());
        assertEquals(404, admin.get("/accounts/987654321/jobs.csv").statusCode());
    }

    @Test
    void theAccountPageShowsThisMonthAndLastByFolderWithShares() {
        long id = Api.createAccount(Api.uniqueName("Jobs by folder"), null);
        YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
        Instant start = thisMonth.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        JobRows.store(id, Map.of("fld_mkt", "Marketing"), List.of(
                JobRows.completed("a", start, start.plusSeconds(1), "100", "fld_mkt", "a"),
                JobRows.completed("b", start, start.plusSeconds(2), "100.5", "fld_mkt", "b"),
                JobRows.job("c", "completed", start, start.plusSeconds(3), "50", "fld_mkt", Job.TRANSLATION, "c"),
                JobRows.completed("d", start, start.plusSeconds(4), "49.5", "", "d"),
                JobRows.job("e", "failed", start, start.plusSeconds(5), "999", "fld_mkt", Job.VIDEO, "free")));

        Document page = Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD).page("/accounts/" + id);
        Element section = page.getElementById("usage-by-folder");
        assertEquals("Usage by folder", section.select("h2").text());
        assertEquals("/accounts/" + id + "/jobs", section.selectFirst("a:containsOwn(All jobs)").attr("href"));
        Element table = section.selectFirst("table");
        String label = thisMonth.format(java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", java.util.Locale.US));
        assertEquals(label + " (this month, so far)", table.select("caption").text());
        List<Element> rows = table.select("tbody tr");
        // 300 s in all: 200.5 s is 66.8%, 50 s 16.7%, 49.5 s 16.5%
        assertEquals(List.of("Marketing", "Video", "2", "200.5 s", "66.8%"), cells(rows.get(0)));
        assertEquals(List.of("Marketing", "Translation", "1", "50 s", "16.7%"), cells(rows.get(1)));
        assertEquals(List.of("No folder", "Video", "1", "49.5 s", "16.5%"), cells(rows.get(2)));
        assertEquals(List.of("All folders", "", "4", "300 s", "100.0%"), cells(table.selectFirst("tfoot tr")));
        assertEquals("/accounts/" + id + "/jobs?folder=none&month=" + thisMonth,
                rows.get(2).selectFirst("a").attr("href"));
        String last = thisMonth.minusMonths(1).format(java.time.format.DateTimeFormatter.ofPattern("MMM yyyy",
                java.util.Locale.US));
        assertEquals(last + " (last month)", section.select("h3").text());
        assertEquals("No completed jobs in " + last + ".", section.select("h3 + p").text());
    }

    @Test
    void theCsvHasEveryMatchingJobWithPlainNumbersAndDefusedText() {
        long id = JobRows.accountWithSixtyJobs();
        Browser viewer = Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD);
        Response all = viewer.get("/accounts/" + id + "/jobs.csv");
        assertEquals(200, all.statusCode());
        assertTrue(all.contentType().startsWith("text/csv"), all.contentType());
        assertEquals("attachment; filename=\"jobs-account-" + id + ".csv\"", all.header("Content-Disposition"));
        String body = all.asString();
        assertTrue(body.startsWith("job_id,created_at,completed_at,status,folder_id,folder,kind,duration_seconds,title\r\n"),
                body.substring(0, 100));
        List<CSVRecord> rows = parse(body);
        assertEquals(60, rows.size());
        assertEquals(List.of("job-059", "2026-02-02T10:00:00Z", "", "processing", "", "No folder", "VIDEO", "", ""),
                rows.get(0).toList());
        Map<String, CSVRecord> byId = new java.util.HashMap<>();
        rows.forEach(r -> byId.put(r.get("job_id"), r));
        assertEquals(List.of("job-001", "2026-01-01T01:00:00Z", "2026-01-01T01:10:00Z", "completed", "fld_unread",
                "fld_unread", "VIDEO", "92.417", "Video 1"), byId.get("job-001").toList());
        assertEquals("'=HYPERLINK(\"http://x\")", byId.get("job-006").get("title"));
        assertEquals("Marketing", byId.get("job-006").get("folder"));
        assertEquals("TRANSLATION", byId.get("job-004").get("kind"));
        assertEquals("", byId.get("job-007").get("duration_seconds"));

        List<CSVRecord> marketing = parse(viewer.get("/accounts/" + id + "/jobs.csv?folder=fld_mkt&status=completed")
                .asString());
        assertEquals(21, marketing.size());
        assertEquals(400, viewer.get("/accounts/" + id + "/jobs.csv?month=26-01").statusCode());
    }

    private static List<CSVRecord> parse(String csv) {
        try {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                    .getRecords();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> cells(Element row) {
        return row.select("th, td").stream().map(Element::text).toList();
    }
}
