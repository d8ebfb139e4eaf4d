package com.spendportal.figures;

import com.spendportal.metrics.Sampled;
import com.spendportal.web.PortalConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code portal_accounts{attention}}: the accounts per attention level, the counts on top of the dashboard.
 * They come from the dashboard's own computed lines ({@link Overviews}), which a scrape shares with the page:
 * one query (the data version) while nothing changed, and the dashboard's five when something did, at most once
 * per {@code portal.metrics.gauge-max-age}.
 */
@ApplicationScoped
class AccountMeters implements MeterBinder {

    @Inject
    Overviews overviews;

    @Inject
    PortalConfig config;

    private final Sampled<Overviews.Computed> lines = Sampled.of("the accounts per attention level",
            () -> config.metrics().gaugeMaxAge(), () -> QuarkusTransaction.requiringNew().call(() -> overviews.current()));

    @Override
    public void bindTo(MeterRegistry registry) {
        level(registry, Overview.ACT, "act");
        level(registry, Overview.WATCH, "watch");
        level(registry, Overview.OK, "on_track");
        level(registry, Overview.NONE, "no_contract");
    }

    private void level(MeterRegistry registry, int attention, String tag) {
        Gauge.builder("portal.accounts", lines, l -> {
            Overviews.Computed computed = l.get();
            return computed == null ? Double.NaN : computed.count(attention);
        }).tag("attention", tag).description("Accounts per attention level, as the dashboard counts them").register(registry);
    }
}
