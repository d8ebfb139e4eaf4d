package com.spendportal.demo;

import com.spendportal.audit.Audit;
import com.spendportal.costcentres.CostCentre;
import com.spendportal.costcentres.CostCentreInput;
import com.spendportal.costcentres.CostCentreMember;
import com.spendportal.costcentres.CostCentres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's two cost centres (DESIGN §19), over the folders of the demo upstream's job list. "Demo · Learning" holds
 * Initech Learning's whole account and Acme's onboarding folder, with a budget the account alone comes near by the end
 * of each month (its $5,000 commitment amortized by day against $5,500), and projected over it while Initech's busy
 * month runs ahead; "Demo · Marketing" holds the marketing folder of every demo account, well within its budget. Acme's
 * support folder, and its jobs without a folder, stay unassigned. Until the jobs are read, every account's cost is its
 * blank folder's: Learning then has Initech's, Marketing nothing.
 */
final class DemoCentres {

    /** The demo upstream's folder ids, as its job list names them ("Marketing", "Onboarding"; "Support" stays unassigned). */
    static final String MARKETING = DemoJobs.FOLDERS.get(0).id();
    static final String ONBOARDING = DemoJobs.FOLDERS.get(1).id();

    static final String LEARNING_NAME = "Demo \u00b7 Learning";
    static final String MARKETING_NAME = "Demo \u00b7 Marketing";
    static final List<String> NAMES = List.of(LEARNING_NAME, MARKETING_NAME);

    private DemoCentres() {
    }

    /** Creates both centres over the demo accounts just loaded; one whose name is taken is left out. In a transaction. */
    static void create(Map<DemoProfile, Long> accounts, Audit audit) {
        long acme = accounts.get(DemoProfile.ACME);
        long initech = accounts.get(DemoProfile.INITECH);
        long globex = accounts.get(DemoProfile.GLOBEX);
        create(LEARNING_NAME, "learning-lead@demo.invalid", "5500.00", List.of(
                new CostCentreInput.Member(initech, null), new CostCentreInput.Member(acme, ONBOARDING)), audit);
        create(MARKETING_NAME, "marketing-lead@demo.invalid", "25000.00", List.of(
                new CostCentreInput.Member(acme, MARKETING), new CostCentreInput.Member(initech, MARKETING),
                new CostCentreInput.Member(globex, MARKETING)), audit);
    }

    private static void create(String name, String owner, String budget, List<CostCentreInput.Member> members, Audit audit) {
        CostCentreInput input = new CostCentreInput(name, owner, budget, members, false);
        if (input.validate(null).isEmpty()) {
            CostCentres.create(input, audit);
        }
    }

    /** The demo's centres, to delete once the demo accounts are gone ({@link #removeEmptied}). */
    static List<CostCentre> find() {
        List<CostCentre> found = new ArrayList<>();
        for (String name : NAMES) {
            CostCentre.findByName(name).ifPresent(found::add);
        }
        return found;
    }

    /** Deletes those of {@code centres} left without a member (their members went with the demo accounts). */
    static void removeEmptied(List<CostCentre> centres, Audit audit) {
        for (CostCentre centre : centres) {
            if (CostCentreMember.count("costCentreId", centre.id) == 0) {
                CostCentres.delete(centre, audit);
            }
        }
    }
}
