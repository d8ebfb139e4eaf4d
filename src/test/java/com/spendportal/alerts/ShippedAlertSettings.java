package com.spendportal.alerts;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The alert settings as shipped, which the %test profile relaxes for the other tests: webhook URLs to the local
 * network refused ({@code portal.alerts.allow-local-network=false}) and mail written to the log until SMTP is
 * configured ({@code quarkus.mailer.mock=true}). One profile for the tests of both, as each profile is one more
 * build and start of the portal; neither setting changes what the other test looks at.
 */
public class ShippedAlertSettings implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("portal.alerts.allow-local-network", "false", "quarkus.mailer.mock", "true");
    }
}
