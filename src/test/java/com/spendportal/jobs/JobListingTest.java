package com.spendportal.jobs;

import static com.spendportal.support.HeyGenWireMock.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.spendportal.jobs.JobListing.Listed;
import com.spendportal.jobs.JobListing.Page;
import com.spendportal.wallet.UpstreamFailure;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the job list fixtures in ../shared/heygen mean, and which items are left out, without a server. */
@Tag("h2-only") // no database: HeyGen's answers parsed
class JobListingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Listed job(String json) throws Exception {
        return JobListing.job(JSON.readTree(json));
    }

    @Test
    void theFirstPageIsReadAsListed() {
        Page page = JobListing.page(fixture("videos-page-1.json"));
        assertEquals(5, page.jobs().size());
        assertEquals(0, page.skipped());
        assertTrue(page.hasMore());
        assertEquals("eyJvZmZzZXQiOjV9", page.nextToken());
        assertFalse(page.brokenPaging());
        assertEquals(new Listed("7f1c2a9e40b14c0c9d1e5b2a3c4d5e6f", "completed", Instant.ofEpochSecond(1764921600L),
                Instant.ofEpochSecond(1764922210L), new BigDecimal("92.417"), "fld_onboarding", Job.VIDEO,
                "Q4 onboarding: welcome (EN)"), page.jobs().get(0));
        assertEquals(Job.TRANSLATION, page.jobs().get(1).kind());
        assertEquals(new BigDecimal("92.400"), page.jobs().get(1).durationSeconds());
        assertEquals("processing", page.jobs().get(2).status());
        assertNull(page.jobs().get(2).completedAt());
        assertEquals("failed", page.jobs().get(3).status());
        assertNull(page.jobs().get(3).durationSeconds(), "a failed job without duration counts 0");
        assertEquals(JobDays.NO_FOLDER, page.jobs().get(3).folderId());
        assertEquals(new BigDecimal("15.000"), page.jobs().get(4).durationSeconds(), "unknown fields are ignored");
    }

    @Test
    void theLastPageEndsTheList() {
        Page page = JobListing.page(fixture("videos-page-last.json"));
        assertEquals(1, page.jobs().size());
        assertFalse(page.hasMore());
        assertNull(page.nextToken());
        assertFalse(page.brokenPaging());
    }

    @Test
    void oneJobAndOneFolder() {
        Listed job = JobListing.one(fixture("video-one.json")).job();
        assertEquals("9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f", job.jobId());
        assertEquals("completed", job.status());
        assertEquals(new BigDecimal("30.500"), job.durationSeconds());
        assertEquals(new JobListing.Folder("Marketing EMEA", false), JobListing.folder(fixture("folder-one.json")));
        assertEquals(new JobListing.Folder(null, true), JobListing.folder("{\"data\":{\"name\":\"Mark\\u0007eting\"}}"));
        assertEquals(new JobListing.Folder(null, false), JobListing.folder("{\"data\":{\"name\":null}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"status\":\"completed\",\"created_at\":1,\"completed_at\":2,\"duration\":1}", // no id
            "{\"id\":\"\",\"status\":\"completed\",\"created_at\":1,\"completed_at\":2,\"duration\":1}",
            "{\"id\":42,\"status\":\"completed\",\"created_at\":1,\"completed_at\":2,\"duration\":1}",
            "{\"id\":\"a\\u0000b\",\"status\":\"completed\",\"created_at\":1,\"completed_at\":2,\"duration\":1}",
            "{\"id\":\"j\",\"status\":\"completed\",\"created_at\":1,\"completed_at\":2,\"duration\":\"1.5\"}",
            "{\"id\":\"j\",\"status\":\"completed\",\"created_at\":1,\"completed_at\":2,\"duration\":-0.001}",
            "{\"id\":\"j\",\"status\":\"completed\",\"created_at\":1,\"completed_at\":2,\"duration\":true}",
            "{\"id\":\"j\",\"status\":\"completed\",\"created_at\":1,\"completed_at\":2,\"duration\":1e12}",
            "{\"id\":\"j\",\"status\":\"processing\",\"created_at\":1,\"duration\":{}}",
            "{\"id\":\"j\",\"status\":\"exploded\",\"created_at\":1,\"completed_at\":2,\"duration\":1}",
            "{\"id\":\"j\",\"status\":null,\"created_at\":1}",
            "{\"id\":\"j\",\"status\":\"completed\",\"completed_at\":2,\"duration\":1}", // no created_at
            "{\"id\":\"j\",\"status\":\"completed\",\"created_at\":\"yesterday\",\"completed_at\":2,\"duration\":1}",
            "{\"id\":\"j\",\"status\":\"completed\",\"created_at\":-5,\"completed_at\":2,\"duration\":1}",
            "{\"id\":\"j\",\"status\":\"completed\",\"created_at\":1,\"duration\":1}", // completed, no completed_at
            "{\"id\":\"j\",\"status\":\"completed\",\"created_at\":1,\"completed_at\":2}", // completed, no duration
            "{\"id\":\"j\",\"status\":\"failed\",\"created_at\":1,\"completed_at\":\"soon\"}",
            "{\"id\":\"j\",\"status\":\"completed\",\"created_at\":1,\"completed_at\":2,\"duration\":1,\"folder_id\":7}",
            "[]", "\"text\"" })
    void aJobThatCannotBeStoredAsListedIsLeftOut(String item) throws Exception {
        assertNull(job(item), item);
        String page = "{\"data\":[" + item + ",{\"id\":\"ok\",\"status\":\"pending\",\"created_at\":1}],\"has_more\":false}";
        Page read = JobListing.page(page);
        assertEquals(1, read.skipped());
        assertEquals(1, read.jobs().size());
    }

    @Test
    void statusAndNumbersAreReadLeniently() throws Exception {
        Listed job = job("{\"id\":\" j1 \",\"status\":\" Completed \",\"created_at\":1764921600.5,\"completed_at\":1764922210,"
                + "\"duration\":0.0005,\"folder_id\":\"\",\"output_language\":\"\",\"title\":\"\\u0000\"}");
        assertEquals("j1", job.jobId());
        assertEquals("completed", job.status());
        assertEquals(Instant.ofEpochMilli(1764921600500L), job.createdAt());
        assertEquals(new BigDecimal("0.001"), job.durationSeconds(), "scale 3, half up");
        assertEquals(JobDays.NO_FOLDER, job.folderId());
        assertEquals(Job.VIDEO, job.kind(), "an empty output_language is no translation");
        assertNull(job.title());
    }

    @Test
    void titlesLoseControlCharactersAndStopAt200() throws Exception {
        JsonNode title = JSON.readTree("\"Tab\\there\\nnewline\\u0085next\\ud800lone\"");
        assertEquals("Tab here newline next lone", JobListing.title(title));
        String emoji = "\ud83c\udfac";
        String longTitle = "a".repeat(199) + emoji + "tail";
        assertEquals("a".repeat(199), JobListing.title(JSON.readTree(JSON.writeValueAsString(longTitle))),
                "a pair of surrogates is not cut in half");
        assertEquals(200, JobListing.title(JSON.readTree(JSON.writeValueAsString("b".repeat(500)))).length());
    }

    @Test
    void pagingThatCannotGoOnIsSeen() {
        Page noToken = JobListing.page("{\"data\":[],\"has_more\":true,\"next_token\":null}");
        assertTrue(noToken.brokenPaging());
        Page blankToken = JobListing.page("{\"data\":[],\"has_more\":true,\"next_token\":\"  \"}");
        assertTrue(blankToken.brokenPaging());
        Page noFlag = JobListing.page("{\"data\":[]}");
        assertFalse(noFlag.hasMore(), "without has_more the list ends");
    }

    @ParameterizedTest
    @ValueSource(strings = { "malformed-truncated.json", "error-502-proxy.html", "users-me-wallet-usd.json" })
    void anAnswerThatIsNoPageIsInvalid(String name) {
        UpstreamFailure failure = assertThrows(UpstreamFailure.Invalid.class, () -> JobListing.page(fixture(name)));
        assertEquals(UpstreamFailure.INVALID_RESPONSE, failure.code());
        assertThrows(UpstreamFailure.Invalid.class, () -> JobListing.page("[1,2]"));
        assertThrows(UpstreamFailure.Invalid.class, () -> JobListing.page(""));
        assertThrows(UpstreamFailure.Invalid.class, () -> JobListing.one("{\"data\":[]}"));
    }
}
