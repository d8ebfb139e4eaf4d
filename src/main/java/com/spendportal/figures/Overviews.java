package com.spendportal.figures;

import com.spendportal.statements.Statements;
import com.spendportal.web.DataVersion;
import com.spendportal.web.PortalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Every account's {@link Overview}, computed once per change and per day instead of once per page
 * view (DESIGN §10). A view costs one query (the {@link DataVersion}) while nothing changed; any
 * change on any instance moves that counter, and the next view recomputes every line from five
 * queries. Lines are kept most urgent first; their wallet panels are re-aged when shown.
 */
@ApplicationScoped
public class Overviews {

    /**
     * The lines as of one data version and day, in both orders, with what the dashboard's header
     * says about all of them.
     *
     * @param byAttention lines most urgent first
     * @param byName      lines by name
     * @param counts      lines per attention level, indexed by level
     * @param demoLoaded  whether any account is a demo account
     */
    public record Computed(long version, LocalDate day, List<Overview> byAttention, List<Overview> byName,
            long[] counts, boolean demoLoaded) {

        static Computed of(long version, LocalDate day, List<Overview> byName) {
            List<Overview> byAttention = new ArrayList<>(byName);
            byAttention.sort(Overview.BY_ATTENTION);
            long[] counts = new long[Overview.ACT + 1];
            boolean demo = false;
            for (Overview o : byName) {
                counts[o.attention()]++;
                demo |= o.account().demo;
            }
            return new Computed(version, day, List.copyOf(byAttention), List.copyOf(byName), counts, demo);
        }

        public long count(int attention) {
            return counts[attention];
        }
    }

    private static final Logger LOG = Logger.getLogger(Overviews.class);

    @Inject
    PortalConfig config;

    @Inject
    DataSource dataSource;

    private volatile Computed cached;

    /** The current lines; call where the database can be read. */
    public Computed current() {
        LocalDate today = Statements.today();
        long version = DataVersion.current(dataSource);
        Computed c = cached;
        if (c != null && c.version() == version && c.day().equals(today)) {
            return c;
        }
        synchronized (this) {
            c = cached;
            if (c != null && c.version() >= version && c.day().equals(today)) {
                return c;
            }
            // Read after the version: what is computed is at least as new as the version it is kept under.
            long started = System.nanoTime();
            List<Overview> byName = Overview.all(today, config.wallet().pollInterval());
            c = Computed.of(version, today, byName);
            cached = c;
            LOG.debugf("Computed the lines of %d accounts at data version %d in %d ms", byName.size(), version,
                    (System.nanoTime() - started) / 1_000_000);
            return c;
        }
    }
}
