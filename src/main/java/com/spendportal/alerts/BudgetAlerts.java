package com.spendportal.alerts;

import com.spendportal.alerts.AlertChecker.Key;
import com.spendportal.costcentres.CostCentre;
import com.spendportal.costcentres.Showbacks;
import com.spendportal.showback.ShowbackCalculator.CentreMonth;
import com.spendportal.showback.ShowbackCalculator.Showback;
import com.spendportal.statements.Statements;
import com.spendportal.web.Fatal;
import com.spendportal.web.Formats;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The budget alerts of DESIGN §19, per cost centre and month: {@code BUDGET_80} and {@code BUDGET_100} while the OPEN
 * month's spend is at 80% / 100% of the centre's budget or more (exactly: {@code spendUsd * 100 >= budget * 80}, not
 * the rounded {@code budgetUsedPct}, which shows 79.99 of 100 as 80.0%), and
 * {@code BUDGET_PROJECTED} while the month's projection is over the budget. A centre without a budget has none.
 *
 * <p>Once, as every alert: the centre's row is locked, and its alert rows are read and changed under that lock, in the
 * transaction that queues the transition's deliveries (every channel, and the owner's address); a second instance
 * waits for the lock and then finds nothing to change; {@code uq_alert_centre} backs it up.
 *
 * <p>Cheap: {@link #checkAll} reads the month from {@link Showbacks} (kept per data version and day) and the firing
 * budget alerts (one query), and locks only the centres whose alerts differ from what should fire. It runs with
 * {@link AlertChecker#checkAll}, every {@code portal.alerts.check-interval}.
 */
@ApplicationScoped
class BudgetAlerts {

    private static final Logger LOG = Logger.getLogger(BudgetAlerts.class);

    @Inject
    Showbacks showbacks;

    @Inject
    Deliveries deliveries;

    /** What should be firing for the centre's OPEN month, with its message; nothing without a budget. */
    static Map<Key, String> conditions(CentreMonth month, YearMonth period) {
        Map<Key, String> firing = new LinkedHashMap<>();
        BigDecimal budget = month.centre().monthlyBudgetUsd();
        if (budget == null || budget.signum() <= 0) {
            return firing;
        }
        String label = Formats.label(period);
        BigDecimal spend = month.spendUsd();
        String spent = label + ": " + Formats.usd(spend) + " spent of the " + Formats.usd(budget) + " budget ("
                + Formats.pct(month.budgetUsedPct()) + ").";
        // exact, not the rounded percentage: 79.99 of 100 is shown as 80.0% but has not reached 80%
        if (spend.multiply(AlertChecker.HUNDRED).compareTo(budget.multiply(AlertChecker.EIGHTY)) >= 0) {
            firing.put(new Key(Alert.Type.BUDGET_80, period.toString()), spent);
        }
        if (spend.compareTo(budget) >= 0) {
            firing.put(new Key(Alert.Type.BUDGET_100, period.toString()), spent);
        }
        BigDecimal projected = month.projectedUsd();
        if (projected != null && projected.compareTo(budget) > 0) {
            firing.put(new Key(Alert.Type.BUDGET_PROJECTED, period.toString()), label + ": at this month's pace "
                    + Formats.usd(projected) + " by the month's end, " + Formats.usd(projected.subtract(budget))
                    + " over the " + Formats.usd(budget) + " budget (" + Formats.usd(month.spendUsd()) + " so far).");
        }
        return firing;
    }

    /** What should fire for every centre of the OPEN month (centres with nothing to fire left out). */
    private Map<Long, Map<Key, String>> wanted(YearMonth month) {
        Showback showback = showbacks.month(month).showback();
        Map<Long, Map<Key, String>> wanted = new HashMap<>();
        for (CentreMonth centre : showback.centres()) {
            Map<Key, String> conditions = conditions(centre, month);
            if (!conditions.isEmpty()) {
                wanted.put(centre.centre().id(), conditions);
            }
        }
        return wanted;
    }

    /** Evaluates every centre and decides afresh, under its lock, each one whose alerts differ. Returns the transitions. */
    int checkAll() {
        YearMonth month = YearMonth.from(Statements.today());
        Map<Long, Map<Key, String>> wanted;
        Map<Long, Map<Key, String>> firing;
        try {
            wanted = QuarkusTransaction.requiringNew().call(() -> wanted(month));
            firing = QuarkusTransaction.requiringNew().call(BudgetAlerts::firingByCentre);
        } catch (RuntimeException e) {
            Fatal.ifOutOfMemory(e);
            LOG.errorf("Budget alert check failed (%s); the next check retries", e.getClass().getName());
            return 0;
        }
        Set<Long> centres = new TreeSet<>(wanted.keySet());
        centres.addAll(firing.keySet());
        int transitions = 0;
        for (long id : centres) {
            if (!wanted.getOrDefault(id, Map.of()).equals(firing.getOrDefault(id, Map.of()))) {
                transitions += check(id);
            }
        }
        return transitions;
    }

    /** Decides one centre's budget alerts now, under its lock. Returns the number of transitions. */
    int check(long centreId) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> decide(centreId));
        } catch (RuntimeException e) {
            Fatal.ifOutOfMemory(e);
            LOG.errorf("Budget alert check of cost centre %d failed (%s); the next check retries", centreId,
                    e.getClass().getName());
            return 0;
        }
    }

    private int decide(long centreId) {
        List<?> locked = Panache.getEntityManager().createNativeQuery("SELECT id FROM cost_centre WHERE id = ?1 FOR UPDATE")
                .setParameter(1, centreId).getResultList();
        if (locked.isEmpty()) {
            return 0; // deleted meanwhile, its alerts with it
        }
        CostCentre centre = CostCentre.findById(centreId);
        Instant now = Instant.now();
        YearMonth month = YearMonth.from(Statements.today());
        Map<Key, String> wanted = wanted(month).getOrDefault(centreId, Map.of());
        Map<Key, Alert> rows = new HashMap<>();
        for (Alert alert : Alert.<Alert>list("costCentreId", centreId)) {
            rows.put(new Key(alert.type, alert.period), alert);
        }
        int transitions = 0;
        for (Map.Entry<Key, String> entry : wanted.entrySet()) {
            Alert alert = rows.get(entry.getKey());
            if (alert == null) {
                alert = new Alert();
                alert.costCentreId = centreId;
                alert.type = entry.getKey().type();
                alert.period = entry.getKey().period();
            } else if (alert.state == Alert.State.FIRING) {
                alert.message = entry.getValue(); // the figures move on while it fires; nothing is sent
                continue;
            }
            alert.state = Alert.State.FIRING;
            alert.message = entry.getValue();
            alert.firedAt = now;
            alert.resolvedAt = null;
            alert.persist();
            deliveries.enqueueBudget(alert, centre.name, centre.ownerEmail, AlertDelivery.FIRED);
            transitions++;
        }
        for (Map.Entry<Key, Alert> entry : rows.entrySet()) {
            Alert alert = entry.getValue();
            if (alert.state == Alert.State.FIRING && !wanted.containsKey(entry.getKey())) {
                alert.state = Alert.State.RESOLVED;
                alert.resolvedAt = now;
                deliveries.enqueueBudget(alert, centre.name, centre.ownerEmail, AlertDelivery.RESOLVED);
                transitions++;
            }
        }
        if (transitions > 0) {
            LOG.infof("Cost centre %d: %d budget alert transition(s)", centreId, transitions);
        }
        return transitions;
    }

    /** The firing budget alerts of every centre with their messages. */
    private static Map<Long, Map<Key, String>> firingByCentre() {
        return Alert.<Alert>list("state = ?1 and costCentreId is not null", Alert.State.FIRING).stream()
                .collect(Collectors.groupingBy(a -> a.costCentreId, Collectors.toMap(a -> new Key(a.type, a.period), a -> a.message)));
    }
}
