package com.spendportal.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.jobs.JobSyncService;
import com.spendportal.jobs.SyncResult;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The job list sync reads the demo upstream as it reads HeyGen: a new user sees jobs without a key of their own. */
@QuarkusTest
class DemoJobSyncTest {

    @Inject
    DemoData demo;

    @Inject
    JobSyncService jobs;

    @AfterEach
    void removeDemo() {
        demo.remove();
    }

    @Test
    void demoAccountsJobListsAreReadFromTheDemoUpstream() {
        demo.remove();
        List<Long> ids = demo.load();
        long id = ids.get(0);
        SyncResult first = jobs.sync(id, false);
        assertNull(first.error(), first.toString());
        assertTrue(first.pages() > 1 && first.jobsNew() > 100, first.toString());
        assertEquals(0, first.skipped(), first.toString());
        Set<String> folders = new HashSet<>(QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                .createNativeQuery("SELECT name FROM job_folder WHERE account_id = ?1", String.class).setParameter(1, id)
                .getResultList()));
        assertEquals(Set.of("Marketing", "Onboarding", "Support"), folders);

        SyncResult second = jobs.sync(id, false);
        assertNull(second.error(), second.toString());
        assertTrue(second.pages() <= 2, "the list as stored: the walk stops at once (past the jobs still rendering): " + second);
    }
}
