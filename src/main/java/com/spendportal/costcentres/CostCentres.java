package com.spendportal.costcentres;

import com.spendportal.accounts.Account;
import com.spendportal.audit.Audit;
import com.spendportal.jobs.JobDays;
import com.spendportal.web.DataVersion;
import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creating, changing and deleting cost centres (DESIGN §19), audited as {@code costcentre.create},
 * {@code costcentre.update} and {@code costcentre.delete}; every change moves the data version, so every showback is
 * computed anew. Call in a transaction, after {@link CostCentreInput#validate} found nothing.
 */
public final class CostCentres {

    private CostCentres() {
    }

    /** A member already held by another centre: the API's 409 and the form's message name it. */
    public static final class MemberTaken extends RuntimeException {

        public MemberTaken(String message) {
            super(message, null, false, false);
        }
    }

    /** The audit target of a centre: {@code costcentre:<id>}. */
    public static String target(long centreId) {
        return "costcentre:" + centreId;
    }

    public static CostCentre create(CostCentreInput input, Audit audit) {
        List<CostCentreInput.Member> members = input.members() == null ? List.of() : input.members();
        refuseTaken(members, null);
        CostCentre centre = new CostCentre();
        centre.setName(input.trimmedName());
        centre.ownerEmail = input.email();
        centre.monthlyBudgetUsd = input.budget();
        centre.createdAt = Instant.now();
        centre.persist();
        replaceMembers(centre.id, members);
        bump(accounts(members, List.of()));
        audit.record("costcentre.create", target(centre.id), Audit.detail().put("name", centre.name)
                .put("ownerEmail", centre.ownerEmail).put("monthlyBudgetUsd", centre.monthlyBudgetUsd)
                .put("members", describe(members)));
        return centre;
    }

    /** Replaces the centre's fields with the input's, and its members when the input lists them (not null). */
    public static void update(CostCentre centre, CostCentreInput input, Audit audit) {
        List<CostCentreInput.Member> held = memberInputs(centre.id);
        List<String> before = describe(held);
        String name = centre.name;
        String email = centre.ownerEmail;
        var budget = centre.monthlyBudgetUsd;
        if (input.members() != null) {
            refuseTaken(input.members(), centre.id);
        }
        centre.setName(input.trimmedName());
        centre.ownerEmail = input.email();
        centre.monthlyBudgetUsd = input.budget();
        if (input.members() != null) {
            replaceMembers(centre.id, input.members());
        }
        Panache.getEntityManager().flush();
        Audit.Detail detail = Audit.detail().change("name", name, centre.name).change("ownerEmail", email, centre.ownerEmail)
                .change("monthlyBudgetUsd", budget, centre.monthlyBudgetUsd);
        if (input.members() != null) {
            detail.change("members", before, describe(input.members()));
        }
        if (!detail.isEmpty()) {
            bump(accounts(held, input.members() == null ? List.of() : input.members()));
            audit.record("costcentre.update", target(centre.id), detail.put("name", centre.name));
        }
    }

    public static void delete(CostCentre centre, Audit audit) {
        Set<Long> accounts = accounts(memberInputs(centre.id), List.of());
        CostCentreMember.delete("costCentreId", centre.id);
        centre.delete();
        Panache.getEntityManager().flush();
        bump(accounts);
        audit.record("costcentre.delete", target(centre.id), Audit.detail().put("name", centre.name));
    }

    private static Set<Long> accounts(List<CostCentreInput.Member> before, List<CostCentreInput.Member> after) {
        Set<Long> ids = new TreeSet<>();
        before.forEach(m -> ids.add(m.accountId()));
        after.forEach(m -> ids.add(m.accountId()));
        return ids;
    }

    /**
     * Moves the data version on, and the figures version of each account whose members changed: the account page
     * names the centre of each folder, and keeps that table per figures version.
     */
    private static void bump(Set<Long> accounts) {
        DataVersion.bump(accounts);
    }

    /** The centre's members as the input lists them. */
    public static List<CostCentreInput.Member> memberInputs(long centreId) {
        return CostCentreMember.forCentre(centreId).stream()
                .map(m -> new CostCentreInput.Member(m.accountId, m.folderId())).toList();
    }

    /**
     * Refuses a member another centre than {@code selfId} holds, naming it: "Account Acme is in cost centre
     * Marketing", "Folder Onboarding of account Acme is in cost centre Support".
     */
    public static void refuseTaken(List<CostCentreInput.Member> members, Long selfId) {
        Map<Long, Map<String, String>> names = null;
        for (CostCentreInput.Member m : members) {
            CostCentreMember held = CostCentreMember.find("accountId = ?1 and folderKey = ?2", m.accountId(), m.folderKey())
                    .firstResult();
            if (held != null && !Objects.equals(held.costCentreId, selfId)) {
                CostCentre other = CostCentre.findById(held.costCentreId);
                Account account = Account.findById(m.accountId());
                String accountName = account == null ? "#" + m.accountId() : account.name;
                if (m.folderId() == null) {
                    throw new MemberTaken("Account \u201c" + accountName + "\u201d is already in cost centre \u201c"
                            + other.name + "\u201d.");
                }
                if (names == null) {
                    names = JobDays.folderNames();
                }
                throw new MemberTaken("Folder \u201c" + JobDays.folderLabel(names.get(m.accountId()), m.folderId())
                        + "\u201d of account \u201c" + accountName + "\u201d is already in cost centre \u201c" + other.name
                        + "\u201d.");
            }
        }
    }

    private static void replaceMembers(long centreId, List<CostCentreInput.Member> members) {
        CostCentreMember.delete("costCentreId", centreId);
        Panache.getEntityManager().flush();
        for (CostCentreInput.Member m : members) {
            CostCentreMember row = new CostCentreMember();
            row.costCentreId = centreId;
            row.accountId = m.accountId();
            row.folderKey = m.folderKey();
            row.persist();
        }
    }

    private static List<String> describe(List<CostCentreInput.Member> members) {
        List<String> list = new ArrayList<>();
        for (CostCentreInput.Member m : members) {
            list.add(m.folderId() == null ? "account:" + m.accountId() : "account:" + m.accountId() + "/folder:" + m.folderId());
        }
        return list;
    }
}
