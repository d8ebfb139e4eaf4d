package com.spendportal.accounts;

import com.spendportal.statements.Statements;
import com.spendportal.web.DataVersion;
import com.spendportal.web.PortalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Every account's {@link Overview}, computed once per change and per day instead of once per page
 * view (DESIGN §10). A view costs one query (the {@link DataVersion}) while nothing changed; any
 * change on any instance moves that counter, and the next view recomputes every line from five
 * queries. Lines are kept most urgent first; their wallet panels are re-aged when shown.
 */
@ApplicationScoped
public class Overviews {

    /** The lines as of one data version and day. */
    public record Computed(long version, LocalDate day, List<Overview> byAttention, List<Overview> byName) {

        public long count(int attention) {
            return byAttention.stream().filter(o -> o.attention() == attention).count();
        }

        /** Whether any account is a demo account. */
        public boolean demoLoaded() {
            return byName.stream().anyMatch(o -> o.account().demo);
        }
    }

    @Inject
    PortalConfig config;

    private volatile Computed cached;

    /** The current lines; call where the database can be read. */
    public Computed current() {
        LocalDate today = Statements.today();
        long version = DataVersion.current();
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
            List<Overview> byName = Overview.all(today, config.wallet().pollInterval());
            List<Overview> byAttention = new ArrayList<>(byName);
            byAttention.sort(Overview.BY_ATTENTION);
            c = new Computed(version, today, List.copyOf(byAttention), List.copyOf(byName));
            cached = c;
            return c;
        }
    }
}
