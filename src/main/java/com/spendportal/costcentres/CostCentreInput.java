package com.spendportal.costcentres;

import com.spendportal.accounts.Account;
import com.spendportal.web.Decimals;
import com.spendportal.web.Text;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A cost centre as typed in its form or sent to the API (DESIGN §19): the budget as text, so that the form can show
 * back what was typed; {@code lenient} accepts "$1,200" as a form does.
 */
public record CostCentreInput(String name, String ownerEmail, String monthlyBudgetUsd, List<Member> members, boolean lenient) {

    /** A whole account ({@code folderId} null) or one folder of it ({@code ""} for the jobs listed without one). */
    public record Member(Long accountId, String folderId) {

        String folderKey() {
            return folderId == null ? CostCentreMember.WHOLE_ACCOUNT : folderId;
        }
    }

    static final int EMAIL_MAX = 254;
    static final int FOLDER_MAX = 100;
    static final int MEMBERS_MAX = 1000;
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\",;]+@[^@\\s<>\",;]+\\.[^@\\s<>\",;]+");

    /** Field → message; empty when it will do. {@code selfId} is the centre being changed, if any. */
    public Map<String, String> validate(Long selfId) {
        Map<String, String> errors = new LinkedHashMap<>();
        String trimmed = name == null ? "" : name.strip();
        if (!Text.oneLine(name)) {
            errors.put("name", Text.CONTROL_MESSAGE);
        } else if (trimmed.isEmpty()) {
            errors.put("name", "Enter a name.");
        } else if (trimmed.length() > CostCentre.NAME_MAX) {
            errors.put("name", "At most " + CostCentre.NAME_MAX + " characters (this one has " + trimmed.length() + ").");
        } else if (CostCentre.findByName(trimmed).filter(c -> !c.id.equals(selfId)).isPresent()) {
            errors.put("name", "Another cost centre is already called \u201c" + trimmed + "\u201d.");
        }
        if (ownerEmail != null && !ownerEmail.isBlank()) {
            String email = ownerEmail.strip();
            if (email.length() > EMAIL_MAX || !ADDRESS.matcher(email).matches()) {
                errors.put("ownerEmail", "Enter one e-mail address, such as lead@example.com, or leave it empty.");
            }
        }
        if (monthlyBudgetUsd != null && !monthlyBudgetUsd.isBlank()) {
            Decimals.Parsed budget = Decimals.parse(monthlyBudgetUsd, 2, 12, false, lenient);
            if (!budget.ok()) {
                errors.put("monthlyBudgetUsd", budget.error());
            }
        }
        String members = membersError();
        if (members != null) {
            errors.put("members", members);
        }
        return errors;
    }

    private String membersError() {
        if (members == null) {
            return null;
        }
        if (members.size() > MEMBERS_MAX) {
            return "At most " + MEMBERS_MAX + " members.";
        }
        Set<String> seen = new HashSet<>();
        for (Member m : members) {
            if (m == null || m.accountId() == null) {
                return "Each member names an account (accountId).";
            }
            if (m.folderId() != null && (m.folderId().length() > FOLDER_MAX || !Text.oneLine(m.folderId())
                    || CostCentreMember.WHOLE_ACCOUNT.equals(m.folderId()))) {
                return "A folder id is one line of at most " + FOLDER_MAX + " characters.";
            }
            if (Account.findById(m.accountId()) == null) {
                return "There is no account " + m.accountId() + ".";
            }
            if (!seen.add(m.accountId() + "\u0000" + m.folderKey())) {
                return "A member is listed twice.";
            }
        }
        return null;
    }

    public String trimmedName() {
        return name.strip();
    }

    public String email() {
        return ownerEmail == null || ownerEmail.isBlank() ? null : ownerEmail.strip();
    }

    public BigDecimal budget() {
        return monthlyBudgetUsd == null || monthlyBudgetUsd.isBlank() ? null
                : Decimals.parse(monthlyBudgetUsd, 2, 12, false, lenient).value();
    }
}
