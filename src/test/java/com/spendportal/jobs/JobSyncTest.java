package com.spendportal.jobs;

import static com.spendportal.jobs.JobLists.completed;
import static com.spendportal.jobs.JobLists.fixture;
import static com.spendportal.jobs.JobLists.folderCalls;
import static com.spendportal.jobs.JobLists.job;
import static com.spendportal.jobs.JobLists.listCalls;
import static com.spendportal.jobs.JobLists.ok;
import static com.spendportal.jobs.JobLists.page;
import static com.spendportal.jobs.JobLists.serve;
import static com.spendportal.jobs.JobLists.stubFolder;
import static com.spendportal.jobs.JobLists.stubPage;
import static com.spendportal.jobs.JobLists.stubVideo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.spendportal.accounts.Account;
import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.CapturedLogs;
import com.spendportal.support.HeyGenWireMock;
import com.spendportal.support.Users;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sync of a job list (DESIGN §18) against a fake HeyGen serving the shared fixtures and lists made here: paging,
 * the stop at a page already stored, the list that moves while it is read, lookups by id, Retry-After, a key that
 * may not read jobs, an interrupted sync, bad input, folders, the page and the API.
 */
@QuarkusTest
class JobSyncTest {

    /** 2025-12-01T00:00:00Z, a little before the fixtures' jobs. */
    static final Instant BASE = Instant.ofEpochSecond(1764547200L);

    @HeyGenWireMock.Server
    WireMockServer heygen;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    JobSyncService jobs;

    @BeforeEach
    void closeBreaker() {
        breakers.resetAll();
    }

    @AfterEach
    void closeBreakerAgain() {
        breakers.resetAll();
    }

    record Account0(long id, String key) {
    }

    static Account0 account() {
        String key = JobLists.newKey();
        return new Account0(Api.createAccount(Api.uniqueName("Jobs"), key), key);
    }

    static Response apiSync(long id) {
        return Api.admin().post("/api/accounts/" + id + "/jobs/sync");
    }

    static JobSync state(long id) {
        return QuarkusTransaction.requiringNew().call(() -> JobSync.<JobSync>findById(id));
    }

    static Map<String, Job> stored(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Job.<Job>list("accountId", id).stream()
                .collect(Collectors.toMap(j -> j.jobId, j -> j)));
    }

    static List<JobDays.Row> days(long id) {
        return QuarkusTransaction.requiringNew().call(() -> JobDays.between(id, LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1)));
    }

    static long figuresVersion(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(id).figuresVersion);
    }

    static void assertWalletUntouched(long id) {
        Account account = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(id));
        assertEquals(0, account.consecutiveFailures);
        assertNull(account.lastRefreshError);
        assertNull(account.lastRefreshErrorCode);
        assertNull(account.nextFetchNotBefore);
        assertNull(account.lastRefreshAt);
    }

    /** The two fixture pages: five jobs with a next token, then one more. */
    static void serveFixtures(WireMockServer heygen, String key) {
        stubPage(heygen, key, null, fixture(200, "videos-page-1.json"));
        stubPage(heygen, key, "eyJvZmZzZXQiOjV9", fixture(200, "videos-page-last.json"));
    }

    /** {@code count} final jobs, newest first, one a minute back from BASE plus a day; every tenth failed. */
    static List<Map<String, Object>> finalJobs(String prefix, int count) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant created = BASE.plusSeconds(86_400 - 60L * i);
            list.add(i % 10 == 9 ? job(prefix + i, "failed", created, created.plusSeconds(30), null, "fld_a", null, "Failed " + i)
                    : completed(prefix + i, created, (i + 1) + ".5"));
        }
        return list;
    }

    @Test
    void theFixturesArePagedToTheEndAndStoredAsListed() {
        Account0 a = account();
        serveFixtures(heygen, a.key());
        stubFolder(heygen, a.key(), "fld_marketing", fixture(200, "folder-one.json"));
        stubFolder(heygen, a.key(), "fld_onboarding", fixture(404, "error-404.json"));
        long versionBefore = figuresVersion(a.id());

        apiSync(a.id()).then().statusCode(200).body("pages", equalTo(2)).body("jobsRead", equalTo(6))
                .body("jobsNew", equalTo(6)).body("jobsUpdated", equalTo(0)).body("lookups", equalTo(0))
                .body("skipped", equalTo(0)).body("error", nullValue());

        Map<String, Job> jobs = stored(a.id());
        assertEquals(6, jobs.size());
        Job welcome = jobs.get("7f1c2a9e40b14c0c9d1e5b2a3c4d5e6f");
        assertEquals("completed", welcome.status);
        assertEquals(new BigDecimal("92.417"), welcome.durationSeconds);
        assertEquals("fld_onboarding", welcome.folderId);
        assertEquals(Job.VIDEO, welcome.kind);
        assertEquals(Instant.ofEpochSecond(1764922210L), welcome.completedAt);
        assertEquals(Job.TRANSLATION, jobs.get("2b8e0d3f5a6c4e1f9a7b6c5d4e3f2a1b").kind);
        assertEquals(new BigDecimal("92.400"), jobs.get("2b8e0d3f5a6c4e1f9a7b6c5d4e3f2a1b").durationSeconds);
        assertEquals("processing", jobs.get("9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f").status);
        assertEquals("failed", jobs.get("4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b").status);
        assertNull(jobs.get("4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b").durationSeconds);
        assertEquals(JobDays.NO_FOLDER, jobs.get("5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d").folderId);
        assertEquals(new BigDecimal("15.000"), jobs.get("5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d").durationSeconds);

        // completed jobs by UTC day of completed_at, folder and kind; the failed and processing ones count nothing
        assertEquals(List.of(
                new JobDays.Row(LocalDate.of(2025, 12, 3), "fld_marketing", Job.VIDEO, 1, new BigDecimal("301.050")),
                new JobDays.Row(LocalDate.of(2025, 12, 5), "", Job.VIDEO, 1, new BigDecimal("15.000")),
                new JobDays.Row(LocalDate.of(2025, 12, 5), "fld_onboarding", Job.TRANSLATION, 1, new BigDecimal("92.400")),
                new JobDays.Row(LocalDate.of(2025, 12, 5), "fld_onboarding", Job.VIDEO, 1, new BigDecimal("92.417"))),
                days(a.id()));

        JobSync sync = state(a.id());
        assertNotNull(sync.firstReadAt, "the first sync that stored a page marks the jobs as read");
        assertEquals(Instant.ofEpochSecond(1764921600L), sync.markCreatedAt, "the newest created_at seen");
        assertNull(sync.claimedUntil, "the claim is let go");
        assertNull(sync.lastErrorCode);
        assertEquals(6, sync.jobsNew);
        assertTrue(figuresVersion(a.id()) > versionBefore, "cached figures and pages are renewed");

        // folder names: one read, one gone (shown by its id); neither fails the sync; not read again within a day
        Map<String, Object[]> folders = folders(a.id());
        assertEquals("Marketing EMEA", folders.get("fld_marketing")[0]);
        assertNull(folders.get("fld_onboarding")[0]);
        assertNotNull(folders.get("fld_onboarding")[1]);
        int folderReads = folderCalls(heygen, a.key());
        assertEquals(2, folderReads);
        apiSync(a.id()).then().statusCode(200);
        assertEquals(folderReads, folderCalls(heygen, a.key()));
    }

    static Map<String, Object[]> folders(long id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = Panache.getEntityManager().createNativeQuery(
                    "SELECT folder_id, name, read_at FROM job_folder WHERE account_id = ?1", Object[].class)
                    .setParameter(1, id).getResultList();
            return rows.stream().collect(Collectors.toMap(r -> (String) r[0], r -> new Object[] {r[1], r[2]}));
        });
    }

    @Test
    void aSecondSyncOfAnUnchangedListReadsOnePage() {
        Account0 a = account();
        serve(heygen, a.key(), finalJobs("u", 250));
        SyncResult first = jobs.sync(a.id(), false);
        assertEquals(new SyncResult(3, 250, 250, 0, 0, 0, null, null), first);
        int calls = listCalls(heygen, a.key());

        SyncResult second = jobs.sync(a.id(), false);
        assertEquals(new SyncResult(1, 100, 0, 0, 0, 0, null, null), second);
        assertEquals(calls + 1, listCalls(heygen, a.key()));

        // a new job on top: the first page is no longer as stored, the second is
        List<Map<String, Object>> grown = new ArrayList<>(finalJobs("u", 250));
        grown.add(0, completed("u-new", BASE.plusSeconds(90_000), "7"));
        serve(heygen, a.key(), grown);
        assertEquals(new SyncResult(2, 200, 1, 0, 0, 0, null, null), jobs.sync(a.id(), false));
        assertEquals(BASE.plusSeconds(90_000), state(a.id()).markCreatedAt);
    }

    @Test
    void aJobMetTwiceWhileTheListMovesCountsOnce() {
        Account0 a = account();
        Map<String, Object> x = completed("m-x", BASE.plusSeconds(300), "10");
        Map<String, Object> y = completed("m-y", BASE.plusSeconds(200), "20");
        Map<String, Object> z = completed("m-z", BASE.plusSeconds(100), "30");
        Map<String, Object> w = completed("m-w", BASE, "40");
        // a new job came in while page 1 was read: z moves from the end of page 1 to the top of page 2
        stubPage(heygen, a.key(), null, ok(page(List.of(x, y, z), true, "moved-2")));
        stubPage(heygen, a.key(), "moved-2", ok(page(List.of(z, w), false, null)));

        assertEquals(new SyncResult(2, 4, 4, 0, 0, 0, null, null), jobs.sync(a.id(), false));
        assertEquals(4, stored(a.id()).size());
        assertEquals(List.of(new JobDays.Row(LocalDate.of(2025, 12, 1), "", Job.VIDEO, 4, new BigDecimal("100.000"))),
                days(a.id()));
    }

    @Test
    void aPendingJobTheWalkDidNotReachIsAskedForById() {
        Account0 a = account();
        List<Map<String, Object>> list = new ArrayList<>(finalJobs("p", 250));
        Instant created = BASE.plusSeconds(86_400 - 60L * 240);
        list.set(240, job("p-pending", "processing", created, null, null, "fld_b", null, "Still rendering"));
        serve(heygen, a.key(), list);
        assertEquals(new SyncResult(3, 250, 250, 0, 0, 0, null, null), jobs.sync(a.id(), false));

        // HeyGen has finished it meanwhile; the list is as stored on its first page, so the walk stops there
        list.set(240, job("p-pending", "completed", created, created.plusSeconds(3_600), "30.5", "fld_b", null, "Still rendering"));
        serve(heygen, a.key(), list);
        stubVideo(heygen, a.key(), "p-pending", ok(JobLists.one(list.get(240))));
        assertEquals(new SyncResult(1, 100, 0, 1, 1, 0, null, null), jobs.sync(a.id(), false));
        Job done = stored(a.id()).get("p-pending");
        assertEquals("completed", done.status);
        assertEquals(new BigDecimal("30.500"), done.durationSeconds);
        assertTrue(days(a.id()).contains(new JobDays.Row(JobDays.dayOf(created.plusSeconds(3_600)), "fld_b", Job.VIDEO, 1,
                new BigDecimal("30.500"))), days(a.id()).toString());

        // completed now: not asked again
        assertEquals(new SyncResult(1, 100, 0, 0, 0, 0, null, null), jobs.sync(a.id(), false));
    }

    @Test
    void atMostMaxLookupsJobsAreAskedForByIdPerSyncLeastRecentlyAskedFirst() {
        Account0 a = account();
        List<Map<String, Object>> list = new ArrayList<>(finalJobs("c", 100));
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            Instant created = BASE.minusSeconds(3_600L + 60L * i);
            list.add(job("c-pending-" + i, "pending", created, null, null, null, null, "Queued " + i));
            pending.add("c-pending-" + i);
        }
        serve(heygen, a.key(), list);
        jobs.sync(a.id(), false);
        heygen.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/v3/videos/c-pending-.*"))
                .withHeader("x-api-key", com.github.tomakehurst.wiremock.client.WireMock.equalTo(a.key()))
                .willReturn(fixture(404, "error-404.json")));

        SyncResult second = jobs.sync(a.id(), false);
        assertEquals(1, second.pages());
        assertEquals(50, second.lookups(), "portal.jobs.max-lookups");
        assertNull(second.error(), "a job HeyGen no longer has is kept as stored");
        List<String> firstRound = JobLists.lookedUp(heygen, a.key());
        assertEquals(50, new HashSet<>(firstRound).size());

        SyncResult third = jobs.sync(a.id(), false);
        assertEquals(50, third.lookups());
        List<String> all = JobLists.lookedUp(heygen, a.key());
        assertEquals(100, all.size());
        List<String> notAskedBefore = new ArrayList<>(pending);
        notAskedBefore.removeAll(firstRound);
        assertEquals(5, notAskedBefore.size());
        List<String> secondRound = new ArrayList<>(all);
        firstRound.forEach(secondRound::remove);
        assertTrue(secondRound.containsAll(notAskedBefore), "the five never asked come first");
        assertEquals(55, stored(a.id()).values().stream().filter(j -> "pending".equals(j.status)).count());
    }

    @Test
    void aRateLimitIsHonouredByEveryCallerAndLeavesTheWalletAlone() {
        Account0 a = account();
        stubPage(heygen, a.key(), null, fixture(429, "error-429.json"));
        Response limited = apiSync(a.id());
        limited.then().statusCode(429).body("error.code", equalTo("rate_limited")).body("pages", equalTo(0));
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 28 && retryAfter <= 30, limited.header("Retry-After"));
        JobSync sync = state(a.id());
        assertNotNull(sync.notBefore);
        assertTrue(Duration.between(Instant.now(), sync.notBefore).toSeconds() >= 25, sync.notBefore.toString());
        assertEquals(1, listCalls(heygen, a.key()));

        // the page, the API and the poller alike wait for it
        serveFixtures(heygen, a.key());
        apiSync(a.id()).then().statusCode(429).body("error.code", equalTo("rate_limited"));
        Response page = Browser.admin().post("/accounts/" + a.id() + "/jobs/sync", Map.of());
        assertEquals(303, page.statusCode());
        assertFalse(JobPollerProbe.due(a.id()), "the poller waits too");
        assertEquals(1, listCalls(heygen, a.key()), "HeyGen was not asked again");
        assertWalletUntouched(a.id());

        // once Retry-After has passed, the sync goes on
        QuarkusTransaction.requiringNew().run(() -> JobSync.update("notBefore = ?1 where accountId = ?2",
                Instant.now().minusSeconds(1), a.id()));
        assertEquals(new SyncResult(2, 6, 6, 0, 0, 0, null, null), jobs.sync(a.id(), false));
    }

    @Test
    void aKeyThatMayNotReadJobsIsLeftAloneUntilTheKeyChangesOrAnAdminAsks() {
        Account0 a = account();
        stubPage(heygen, a.key(), null, fixture(401, "error-401.json"));
        apiSync(a.id()).then().statusCode(502).body("error.code", equalTo("jobs_not_available"))
                .body("error.message", org.hamcrest.Matchers.startsWith("Jobs not available for this key"));
        JobSync sync = state(a.id());
        assertTrue(sync.notAvailable);
        assertFalse(JobPollerProbe.due(a.id()), "the poller does not ask again");
        assertEquals("jobs_not_available", jobs.sync(a.id(), false).error().code(), "not asked unless an admin asks");
        assertEquals(1, listCalls(heygen, a.key()));
        assertWalletUntouched(a.id());
        Document page = Browser.admin().page("/accounts/" + a.id());
        assertTrue(page.select(".job-sync").text().contains("jobs not available for this key"), page.select(".job-sync").text());

        // an admin asks: HeyGen is asked again (403 now, the same verdict)
        stubPage(heygen, a.key(), null, fixture(403, "error-403.json"));
        apiSync(a.id()).then().statusCode(502).body("error.code", equalTo("jobs_not_available"));
        assertEquals(2, listCalls(heygen, a.key()));

        // a new key: the poller asks again, and a list that answers clears the verdict
        String newKey = JobLists.newKey();
        Api.admin().body("{\"apiKey\":\"" + newKey + "\"}").patch("/api/accounts/" + a.id()).then().statusCode(200);
        assertTrue(JobPollerProbe.due(a.id()));
        serveFixtures(heygen, newKey);
        assertNull(jobs.sync(a.id(), false).error());
        assertFalse(state(a.id()).notAvailable);
        assertWalletUntouched(a.id());
    }

    @Test
    void anInterruptedSyncKeepsWhatItStoredMovesNoMarkAndTheNextReadsPastIt() {
        Account0 a = account();
        stubPage(heygen, a.key(), null, fixture(200, "videos-page-1.json"));
        stubPage(heygen, a.key(), "eyJvZmZzZXQiOjV9", fixture(500, "error-500.json"));
        long before = figuresVersion(a.id());
        Response failed = apiSync(a.id());
        failed.then().statusCode(502).body("pages", equalTo(1)).body("jobsNew", equalTo(5)).body("error.code", equalTo("upstream_error"));
        assertEquals(1 + 3, listCalls(heygen, a.key()), "page 2 tried three times (two retries)");
        JobSync sync = state(a.id());
        assertNull(sync.markCreatedAt, "an interrupted sync moves no mark");
        assertNotNull(sync.firstReadAt);
        assertEquals("upstream_error", sync.lastErrorCode);
        assertEquals(5, stored(a.id()).size());
        assertTrue(figuresVersion(a.id()) > before);
        assertWalletUntouched(a.id());
        String line = Browser.admin().page("/accounts/" + a.id()).select(".job-sync").text();
        assertTrue(line.contains("error: HeyGen answered with an error (500)"), line);

        stubPage(heygen, a.key(), "eyJvZmZzZXQiOjV9", fixture(200, "videos-page-last.json"));
        breakers.resetAll();
        assertEquals(new SyncResult(2, 6, 1, 0, 0, 0, null, null), jobs.sync(a.id(), false));
        assertEquals(Instant.ofEpochSecond(1764921600L), state(a.id()).markCreatedAt);

        // after a completed sync: new jobs on top, then page 2 fails; the mark stays, and the next sync reads past the new jobs
        List<Map<String, Object>> newer = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            newer.add(completed("n" + i, Instant.ofEpochSecond(1764990000L - i), "1"));
        }
        stubPage(heygen, a.key(), null, ok(page(newer, true, "after-new")));
        stubPage(heygen, a.key(), "after-new", fixture(500, "error-500.json"));
        breakers.resetAll(); // six failures in a row here would open it (rightly) in the middle of page 2's retries
        SyncResult interrupted = jobs.sync(a.id(), false);
        assertEquals("upstream_error", interrupted.error().code());
        assertEquals(100, interrupted.jobsNew());
        assertEquals(Instant.ofEpochSecond(1764921600L), state(a.id()).markCreatedAt);
        stubPage(heygen, a.key(), "after-new", fixture(200, "videos-page-1.json"));
        breakers.resetAll();
        SyncResult next = jobs.sync(a.id(), false);
        assertNull(next.error());
        assertEquals(100, next.jobsRead() - 6);
        assertEquals(3, next.pages(), "page 1 holds jobs newer than the mark and page 2 one still processing: read on to"
                + " page 3, which is as stored");
        assertEquals(Instant.ofEpochSecond(1764990000L), state(a.id()).markCreatedAt);
    }

    @Test
    void badInputIsSkippedCountedAndNeverA500() {
        Account0 a = account();
        Instant t = BASE.plusSeconds(3_600);
        Map<String, Object> noId = completed("x", t, "5");
        noId.remove("id");
        Map<String, Object> textDuration = completed("bad-text", t, "5");
        textDuration.put("duration", "five");
        Map<String, Object> negative = completed("bad-negative", t, "5");
        negative.put("duration", new BigDecimal("-1"));
        Map<String, Object> unknownStatus = completed("bad-status", t, "5");
        unknownStatus.put("status", "exploded");
        Map<String, Object> noCompletedAt = completed("bad-no-completed", t, "5");
        noCompletedAt.remove("completed_at");
        Map<String, Object> messyTitle = job("ok-title", "completed", t, t.plusSeconds(60), "12.3456", "fld_bad", null,
                "Line\u0001one\nline\ttwo" + "x".repeat(300));
        Map<String, Object> fine = completed("ok-fine", t.minusSeconds(60), "1");
        stubPage(heygen, a.key(), null, ok(page(List.of(noId, textDuration, negative, unknownStatus, noCompletedAt, messyTitle,
                fine), true, null)));
        stubFolder(heygen, a.key(), "fld_bad", ok("{\"data\":{\"folder_id\":\"fld_bad\",\"name\":\"Mark\\u0007eting\"}}"));

        try (CapturedLogs logs = CapturedLogs.start()) {
            Response response = Browser.admin().post("/accounts/" + a.id() + "/jobs/sync", Map.of());
            assertEquals(303, response.statusCode());
            SyncResult r = jobs.sync(a.id(), true);
            assertEquals("invalid_response", r.error().code());
            assertEquals(1, r.pages());
            assertEquals(5 + 1, r.skipped(), "five jobs, and the page that says more follow without a token");
            Map<String, Job> kept = stored(a.id());
            assertEquals(java.util.Set.of("ok-title", "ok-fine"), kept.keySet());
            Job titled = kept.get("ok-title");
            assertEquals(200, titled.title.length());
            assertTrue(titled.title.startsWith("Line one line twoxx"), titled.title);
            assertEquals(new BigDecimal("12.346"), titled.durationSeconds);
            Document page = Browser.admin().page("/accounts/" + a.id());
            assertTrue(page.select(".job-sync").text().contains("HeyGen said more of the job list follows"),
                    page.select(".job-sync").text());

            // a page that is not JSON: the page is skipped, what was stored stays; a folder name with control characters
            stubPage(heygen, a.key(), null, fixture(200, "malformed-truncated.json"));
            apiSync(a.id()).then().statusCode(502).body("error.code", equalTo("invalid_response")).body("skipped", equalTo(1))
                    .body("pages", equalTo(0));
            assertEquals(2, stored(a.id()).size());
            stubPage(heygen, a.key(), null, ok(page(List.of(messyTitle, fine), false, null)));
            SyncResult folderSkipped = jobs.sync(a.id(), true);
            assertNull(folderSkipped.error(), "a folder failure does not fail the sync");
            assertEquals(1, folderSkipped.skipped(), "the folder name with a control character");
            assertNull(folders(a.id()).get("fld_bad")[0]);
            for (String line : logs.lines()) {
                assertFalse(line.contains("\tat "), "no stack trace in the log: " + line);
                assertFalse(line.contains(a.key()), "no key in the log: " + line);
            }
        }
    }

    @Test
    void readJobsNowOnTheAccountPageSaysWhatWasRead() {
        Account0 a = account();
        serveFixtures(heygen, a.key());
        Browser admin = Browser.admin();
        Document before = admin.page("/accounts/" + a.id());
        assertTrue(before.select(".job-sync").text().contains("Job list: not read yet."), before.select(".job-sync").text());
        assertEquals(1, before.select("form[action=/accounts/" + a.id() + "/jobs/sync] button").size());

        Response response = admin.post("/accounts/" + a.id() + "/jobs/sync", Map.of());
        assertEquals(303, response.statusCode());
        assertTrue(response.header("Location").endsWith("/accounts/" + a.id()), response.header("Location"));
        Document after = admin.page("/accounts/" + a.id());
        assertEquals("Jobs read: 2 pages, 6 jobs (6 new, 0 updated).", after.select(".flash").text());
        assertTrue(after.select(".job-sync").text().contains("Job list: last read just now, 6 new."), after.select(".job-sync").text());
        assertFalse(after.html().contains(a.key()));

        // viewers see the line but may not sync
        Users.ensureViewer();
        Browser viewer = Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD);
        Document seen = viewer.page("/accounts/" + a.id());
        assertTrue(seen.select(".job-sync").text().contains("last read"));
        assertEquals(0, seen.select("form[action=/accounts/" + a.id() + "/jobs/sync]").size());
        assertEquals(403, viewer.post("/accounts/" + a.id() + "/jobs/sync", Map.of()).statusCode());
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).post("/api/accounts/" + a.id() + "/jobs/sync").then().statusCode(403);
        Api.admin().post("/api/accounts/999999999/jobs/sync").then().statusCode(404);
        long noKey = Api.createAccount(Api.uniqueName("Jobs no key"), null);
        apiSync(noKey).then().statusCode(409).body("error.code", equalTo("no_api_key"));
    }

    @Test
    void aSecondCallerJoinsTheRunningSync() throws Exception {
        Account0 a = account();
        stubPage(heygen, a.key(), null, fixture(200, "videos-page-1.json").withFixedDelay(800));
        stubPage(heygen, a.key(), "eyJvZmZzZXQiOjV9", fixture(200, "videos-page-last.json"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<SyncResult> one = pool.submit(() -> jobs.sync(a.id(), true));
            Thread.sleep(200);
            Future<SyncResult> two = pool.submit(() -> jobs.sync(a.id(), true));
            assertEquals(one.get(), two.get(), "the second caller gets the running sync's answer");
            assertNull(one.get().error());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, listCalls(heygen, a.key()), "each page asked once");
    }

    @Test
    void anotherInstancesClaimKeepsThisOneAway() {
        Account0 a = account();
        serveFixtures(heygen, a.key());
        jobs.sync(a.id(), false);
        int calls = listCalls(heygen, a.key());
        QuarkusTransaction.requiringNew().run(() -> JobSync.update("claimedUntil = ?1 where accountId = ?2",
                Instant.now().plusSeconds(60), a.id()));
        apiSync(a.id()).then().statusCode(409).body("error.code", equalTo("sync_running"));
        assertEquals(calls, listCalls(heygen, a.key()));
        QuarkusTransaction.requiringNew().run(() -> JobSync.update("claimedUntil = ?1 where accountId = ?2",
                Instant.now().minusSeconds(1), a.id()));
        apiSync(a.id()).then().statusCode(200);
    }

    /** The poller's choice, as it makes it now for an interval of zero. */
    static final class JobPollerProbe {
        static boolean due(long id) {
            Instant now = Instant.now();
            return QuarkusTransaction.requiringNew().call(() -> JobPoller.due(now, now)).contains(id);
        }
    }
}
