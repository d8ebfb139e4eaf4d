package com.spendportal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The keys PortalMain generates must not shadow what application.properties configures. */
@Tag("h2-only") // no database: the packaged configuration
class PortalMainTest {

    @Test
    void startupConfigReadsThePackagedApplicationProperties() {
        assertEquals("15m", PortalMain.startupConfig().getValue("portal.wallet.poll-interval", String.class));
        assertEquals("portal-session", PortalMain.startupConfig().getValue("quarkus.http.auth.form.cookie-name", String.class));
    }
}
