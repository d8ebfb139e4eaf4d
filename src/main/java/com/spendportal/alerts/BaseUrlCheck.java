package com.spendportal.alerts;

import com.spendportal.web.PortalConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Alert e-mails link to the account page under {@code portal.base-url} (DESIGN §11), whose default,
 * {@code http://localhost:8080}, is right only for someone reading the mail on the portal's own machine and port. A start
 * with notification channels and that default says so, once.
 */
@ApplicationScoped
class BaseUrlCheck {

    static final String DEFAULT_BASE_URL = "http://localhost:8080";
    private static final Logger LOG = Logger.getLogger(BaseUrlCheck.class);

    @Inject
    PortalConfig config;

    @Transactional
    void onStart(@Observes StartupEvent event) {
        warning(NotificationChannel.count(), config.baseUrl()).ifPresent(LOG::warn);
    }

    /** The warning for a portal with this many channels and this base URL, if it needs one. */
    static Optional<String> warning(long channels, String baseUrl) {
        if (channels == 0 || !DEFAULT_BASE_URL.equals(baseUrl.strip().replaceAll("/+$", ""))) {
            return Optional.empty();
        }
        return Optional.of("portal.base-url is " + DEFAULT_BASE_URL + " (the default), and " + channels + " notification channel"
                + (channels == 1 ? " exists" : "s exist") + ": the links in alert e-mails point there. Set portal.base-url (PORTAL_BASE_URL)"
                + " to the address your users reach the portal at, such as https://spend.example.com");
    }
}
