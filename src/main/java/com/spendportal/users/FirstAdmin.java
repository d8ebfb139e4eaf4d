package com.spendportal.users;

import com.spendportal.web.PortalConfig;
import com.spendportal.web.Roles;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Base64;
import org.jboss.logging.Logger;

/** Creates the first admin on an empty portal: never with a default password. */
@ApplicationScoped
class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    @Transactional
    void onStart(@Observes StartupEvent event, PortalConfig config) {
        // Instances started together on an empty database: the first to lock this row creates the admin,
        // the others wait for it and then find a user.
        Panache.getEntityManager().createNativeQuery("SELECT version FROM data_version WHERE id = 1 FOR UPDATE")
                .getSingleResult();
        if (User.count() > 0) {
            return;
        }
        String username = config.admin().username();
        String password = config.admin().password().filter(p -> !p.isBlank()).orElse(null);
        boolean generated = password == null;
        if (generated) {
            byte[] random = new byte[15];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        User.create(username, password, Roles.ADMIN);
        if (generated) {
            LOG.infof("Created the first admin '%s' with the generated password: %s"
                    + " (shown only this once; change it under Users)", username, password);
        } else {
            LOG.infof("Created the first admin '%s' with the configured password", username);
        }
    }
}
