package com.spendportal.wallet;

import com.spendportal.web.DataVersion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Folds the per-month wallet figures and the daily spend of readings stored before they existed (a
 * database from an earlier version): at start, every account that has readings but no latest
 * reading recorded, and every account whose days were not folded yet.
 */
@ApplicationScoped
class WalletHistoryUpgrade {

    private static final Logger LOG = Logger.getLogger(WalletHistoryUpgrade.class);

    void onStart(@Observes StartupEvent event) {
        List<Long> ids = QuarkusTransaction.requiringNew().call(() -> WalletSnapshot.getEntityManager()
                .createQuery("select a.id from Account a where a.latestSnapshotId is null and exists"
                        + " (select 1 from WalletSnapshot s where s.accountId = a.id)", Long.class).getResultList());
        for (long id : ids) {
            QuarkusTransaction.requiringNew().run(() -> {
                if (WalletHistory.lock(id)) {
                    WalletHistory.readingsChanged(id, Instant.EPOCH);
                    DataVersion.bump(id);
                }
            });
        }
        if (!ids.isEmpty()) {
            LOG.infof("Computed the monthly wallet figures of %d accounts from their stored readings", ids.size());
        }
        List<Long> unfolded = QuarkusTransaction.requiringNew().call(() -> WalletSnapshot.getEntityManager()
                .createNativeQuery("SELECT id FROM account WHERE days_folded = FALSE", Long.class).getResultList());
        for (long id : unfolded) {
            QuarkusTransaction.requiringNew().run(() -> {
                if (WalletHistory.lock(id)) {
                    WalletHistory.readingsChanged(id, Instant.EPOCH);
                    WalletSnapshot.getEntityManager().createNativeQuery("UPDATE account SET days_folded = TRUE WHERE id = ?1")
                            .setParameter(1, id).executeUpdate();
                    DataVersion.bump(id);
                }
            });
        }
        if (!unfolded.isEmpty()) {
            LOG.infof("Computed the daily spend of %d accounts from their stored readings", unfolded.size());
        }
    }
}
