package com.spendportal.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.spendportal.jobs.JobListing.Listed;
import com.spendportal.support.Api;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code job_day} as the syncs keep it, against a plain fold of the stored jobs: random jobs stored page by page as a
 * sync stores them, then rounds of random changes (status, completion time across midnight, duration, folder, kind)
 * and new jobs, each listed in a random order with some jobs listed twice. After every round each (day, folder, kind)
 * has exactly the completed jobs and seconds of the job rows, and the rows are the jobs as first listed that round.
 */
@QuarkusTest
class JobDaysRandomTest {

    private static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");
    private static final String[] STATUSES = { "pending", "processing", "completed", "completed", "completed", "failed" };
    private static final String[] FOLDERS = { "", "fld_a", "fld_b", "fld_c" };

    @ParameterizedTest
    @ValueSource(longs = { 1L, 29L, 20261208L })
    void jobDaysAreTheFoldOfTheStoredJobs(long seed) {
        Random random = new Random(seed);
        long accountId = Api.createAccount(Api.uniqueName("Job days " + seed), null);
        Map<String, Listed> upstream = new LinkedHashMap<>();
        for (int i = 0; i < 400; i++) {
            Listed job = randomJob(random, "r" + i);
            upstream.put(job.jobId(), job);
        }
        Map<String, Listed> expected = new HashMap<>();
        sync(accountId, new ArrayList<>(upstream.values()), random, expected);
        check(seed, 0, accountId, expected);
        for (int round = 1; round <= 6; round++) {
            List<Listed> listed = new ArrayList<>();
            for (Listed job : List.copyOf(upstream.values())) {
                if (random.nextInt(5) == 0) {
                    Listed changed = change(random, job);
                    upstream.put(job.jobId(), changed);
                    listed.add(changed);
                }
            }
            for (int i = 0; i < 30; i++) {
                Listed job = randomJob(random, "r" + round + "-" + i);
                upstream.put(job.jobId(), job);
                listed.add(job);
            }
            sync(accountId, listed, random, expected);
            check(seed, round, accountId, expected);
        }
    }

    /** Stores {@code listed} in shuffled pages of up to 100, some jobs twice, as one sync; the first sighting wins. */
    private static void sync(long accountId, List<Listed> listed, Random random, Map<String, Listed> expected) {
        List<Listed> order = new ArrayList<>(listed);
        Collections.shuffle(order, random);
        for (int i = 0; i < order.size(); i += 37) {
            order.add(Math.min(order.size(), i + 1 + random.nextInt(80)), order.get(i)); // met again further on
        }
        Set<String> seen = new HashSet<>();
        for (int from = 0; from < order.size(); from += 100) {
            List<Listed> page = order.subList(from, Math.min(order.size(), from + 100));
            JobStore.Stored stored = QuarkusTransaction.requiringNew().call(() -> JobStore.page(accountId, page, seen, null,
                    Instant.now()));
            for (String id : stored.fresh()) {
                expected.put(id, page.stream().filter(j -> j.jobId().equals(id)).findFirst().orElseThrow());
            }
            seen.addAll(stored.fresh());
        }
    }

    private static void check(long seed, int round, long accountId, Map<String, Listed> expected) {
        String where = "seed " + seed + ", round " + round;
        Map<String, Listed> rows = QuarkusTransaction.requiringNew().call(() -> rows(accountId));
        assertEquals(expected, rows, where + ": the job rows");
        List<JobDays.Row> days = QuarkusTransaction.requiringNew().call(() -> JobDays.between(accountId,
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
        assertEquals(referenceFold(rows.values()), days, where + ": job_day");
    }

    /** Per UTC day of completion, folder and kind: the completed jobs and the sum of their durations. */
    private static List<JobDays.Row> referenceFold(Iterable<Listed> jobs) {
        Map<String, JobDays.Row> fold = new TreeMap<>();
        for (Listed job : jobs) {
            if (!"completed".equals(job.status())) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(job.completedAt(), java.time.ZoneOffset.UTC);
            String key = day + "\u0000" + job.folderId() + "\u0000" + job.kind(); // sorts as the query does: "" first
            JobDays.Row before = fold.get(key);
            fold.put(key, before == null ? new JobDays.Row(day, job.folderId(), job.kind(), 1, job.durationSeconds())
                    : new JobDays.Row(day, job.folderId(), job.kind(), before.jobs() + 1, before.seconds().add(job.durationSeconds())));
        }
        return List.copyOf(fold.values());
    }

    private static Map<String, Listed> rows(long accountId) {
        List<Object[]> found = Panache.getEntityManager().createNativeQuery("SELECT job_id, status, created_at, completed_at,"
                + " duration_seconds, folder_id, kind, title FROM job WHERE account_id = ?1", Object[].class)
                .setParameter(1, accountId).getResultList();
        Map<String, Listed> rows = new HashMap<>();
        for (Object[] r : found) {
            rows.put((String) r[0], new Listed((String) r[0], (String) r[1], instant(r[2]), instant(r[3]),
                    r[4] == null ? null : new BigDecimal(r[4].toString()).setScale(3), (String) r[5], (String) r[6], (String) r[7]));
        }
        return rows;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    private static Listed randomJob(Random random, String id) {
        Instant created = BASE.plusSeconds(random.nextInt(10 * 86_400));
        return withStatus(random, new Listed(id, "pending", created, null, null, pick(random, FOLDERS),
                random.nextInt(4) == 0 ? Job.TRANSLATION : Job.VIDEO, "Job " + id), pick(random, STATUSES));
    }

    /** One random change of what HeyGen says about the job. */
    private static Listed change(Random random, Listed job) {
        return switch (random.nextInt(5)) {
            case 0 -> withStatus(random, job, pick(random, STATUSES));
            case 1 -> job.completedAt() == null ? withStatus(random, job, "completed")
                    : new Listed(job.jobId(), job.status(), job.createdAt(), job.completedAt().plusSeconds(random.nextInt(172_800) - 86_400L),
                            job.durationSeconds(), job.folderId(), job.kind(), job.title());
            case 2 -> "completed".equals(job.status()) ? new Listed(job.jobId(), job.status(), job.createdAt(), job.completedAt(),
                    duration(random), job.folderId(), job.kind(), job.title()) : withStatus(random, job, "completed");
            case 3 -> new Listed(job.jobId(), job.status(), job.createdAt(), job.completedAt(), job.durationSeconds(),
                    pick(random, FOLDERS), job.kind(), job.title());
            default -> new Listed(job.jobId(), job.status(), job.createdAt(), job.completedAt(), job.durationSeconds(),
                    job.folderId(), Job.VIDEO.equals(job.kind()) ? Job.TRANSLATION : Job.VIDEO, job.title());
        };
    }

    private static Listed withStatus(Random random, Listed job, String status) {
        boolean finished = "completed".equals(status) || "failed".equals(status);
        Instant completedAt = finished ? job.createdAt().plusSeconds(random.nextInt(2 * 86_400)) : null;
        BigDecimal duration = "completed".equals(status) ? duration(random) : null;
        return new Listed(job.jobId(), status, job.createdAt(), completedAt, duration, job.folderId(), job.kind(), job.title());
    }

    private static BigDecimal duration(Random random) {
        return BigDecimal.valueOf(random.nextInt(600_000), 3);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
