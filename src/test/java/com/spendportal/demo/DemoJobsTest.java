package com.spendportal.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The demo job list as a function of the account and the clock (DESIGN §18). */
@Tag("h2-only") // no database: the demo's job list on values
class DemoJobsTest {

    static final Instant LOADED = Instant.parse("2026-03-10T12:00:00Z");
    static final DemoJobs JOBS = new DemoJobs(7, LOADED, DemoProfile.GLOBEX.secondsPerDay());

    @Test
    void aNewDemoHasLastMonthAndThisMonthAndTheListGrowsWithTime() {
        // one job every half hour from 1 February to 11:59:59 on 10 March: 37.5 days at 48 a day
        Instant justBefore = LOADED.minusSeconds(1);
        long atLoad = JOBS.count(justBefore);
        assertEquals(1800, atLoad);
        Instant february = Instant.parse("2026-02-01T00:00:00Z");
        assertTrue(!JOBS.created(0).isBefore(february) && JOBS.created(0).isBefore(february.plus(DemoJobs.SLOT)));
        assertEquals(0, JOBS.count(february.minusSeconds(1)));
        Instant dayLater = justBefore.plus(Duration.ofDays(1));
        assertEquals(atLoad + 48, JOBS.count(dayLater));

        for (long n = 0; n < atLoad - 60; n++) {
            assertEquals(JOBS.item(n, justBefore), JOBS.item(n, dayLater), "job " + n + " is final and stays as it was");
        }
        // a job is pending for a minute, processing for at least 2 more, and final after at most 20 minutes
        long n = atLoad - 1;
        Instant created = JOBS.created(n);
        assertEquals("pending", JOBS.item(n, created.plusSeconds(30)).get("status"));
        assertEquals("processing", JOBS.item(n, created.plusSeconds(100)).get("status"));
        assertTrue(Set.of("completed", "failed").contains(JOBS.item(n, created.plusSeconds(1201)).get("status")));
        assertFalse(JOBS.item(n, created.plusSeconds(100)).containsKey("completed_at"));
    }

    @Test
    void idsAreUniqueAndLeadBackToTheirJob() {
        Set<String> ids = new HashSet<>();
        long count = JOBS.count(LOADED);
        for (long n = 0; n < count; n++) {
            String id = JOBS.id(n);
            assertTrue(id.matches("[0-9a-f]{32}"), id);
            assertTrue(ids.add(id), "unique: " + id);
            assertEquals(OptionalLong.of(n), JOBS.number(id));
            assertTrue(JOBS.created(n).isBefore(JOBS.created(n + 1)), "created in the order of their numbers");
        }
        assertEquals(OptionalLong.empty(), JOBS.number("0".repeat(32)));
        assertEquals(OptionalLong.empty(), JOBS.number("nope"));
        assertEquals(OptionalLong.empty(), new DemoJobs(8, LOADED, BigDecimal.TEN).number(JOBS.id(5)), "another account's");
    }

    @Test
    void theListHasEveryKindOfJobAndADayRendersAboutTheUsualUsage() {
        Map<String, Integer> seen = new TreeMap<>();
        Instant now = LOADED.minusSeconds(1);
        BigDecimal february = BigDecimal.ZERO;
        for (long n = 0; n < JOBS.count(now); n++) {
            Map<String, Object> item = JOBS.item(n, now);
            seen.merge("status " + item.get("status"), 1, Integer::sum);
            seen.merge("folder " + item.getOrDefault("folder_id", "none"), 1, Integer::sum);
            if (item.containsKey("output_language")) {
                seen.merge("translation", 1, Integer::sum);
            }
            if ("completed".equals(item.get("status"))) {
                assertTrue(item.keySet().containsAll(Set.of("id", "title", "created_at", "completed_at", "duration")));
                if (Instant.ofEpochSecond((Long) item.get("completed_at")).isBefore(Instant.parse("2026-03-01T00:00:00Z"))) {
                    february = february.add((BigDecimal) item.get("duration"));
                }
            } else {
                assertFalse(item.containsKey("duration"), item.toString());
            }
        }
        for (String key : new String[] {"status completed", "status failed", "folder fld_demo_marketing",
                "folder fld_demo_onboarding", "folder fld_demo_support", "folder none", "translation"}) {
            assertTrue(seen.getOrDefault(key, 0) > 10, key + " in " + seen);
        }
        // Globex uses 2,250,000 s in a usual month: February's 28 days render about 28/30 of it, failed jobs free
        BigDecimal usual = DemoProfile.GLOBEX.secondsPerDay().multiply(BigDecimal.valueOf(28));
        assertTrue(february.compareTo(usual.multiply(new BigDecimal("0.9"))) > 0
                && february.compareTo(usual.multiply(new BigDecimal("1.05"))) < 0, february + " against " + usual);
    }
}
