package com.spendportal.usage;

import com.spendportal.accounts.Accounts;
import com.spendportal.audit.Audit;
import com.spendportal.contracts.Contract;
import com.spendportal.statements.ContractModel;
import com.spendportal.statements.UsageRecord;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Stores one import (a file, an API call, a form entry) all or nothing: it is checked against the
 * account's contract, its records added up per month and product, and the months and products it
 * contains replaced.
 */
public final class UsageImports {

    /** Files larger than this are refused before they are parsed. */
    public static final long MAX_BYTES = 5L * 1024 * 1024;

    private UsageImports() {
    }

    /** What an accepted import changed, for the confirmation message and the API answer. */
    public record Summary(int lines, List<String> months, List<String> products, BigDecimal seconds, BigDecimal usd) {

        public String describe() {
            String what = lines + (lines == 1 ? " line" : " lines") + " imported for "
                    + (months.size() == 1 ? months.get(0) : months.get(0) + " to " + months.get(months.size() - 1))
                    + " (" + months.size() + (months.size() == 1 ? " month" : " months") + ")";
            String products = this.products.isEmpty() ? "" : ", products " + String.join(", ", this.products);
            return what + products + ": " + seconds.stripTrailingZeros().toPlainString() + " s and $"
                    + usd.toPlainString() + " in total. Those months and products now hold exactly these figures.";
        }
    }

    /** Either the summary of what was stored or every problem found (and nothing stored). */
    public record Outcome(Summary summary, List<LineError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** @param source how the records came: {@code form}, {@code file <name>}, {@code csv} or {@code json}, for the audit trail */
    public static Outcome store(long accountId, ParseResult parsed, String source, Audit audit) {
        if (!parsed.ok()) {
            return new Outcome(null, parsed.errors());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            List<LineError> errors = againstContract(Contract.findByAccountId(accountId).orElse(null), parsed.lines());
            if (!errors.isEmpty()) {
                return new Outcome(null, errors);
            }
            List<UsageRecord> records = UsageImport.aggregate(parsed.lines());
            UsageEntry.replace(accountId, records);
            Summary summary = summarize(parsed.lines());
            audit.record("usage.import", Accounts.target(accountId), Audit.detail().put("source", source)
                    .put("lines", summary.lines()).put("months", summary.months()).put("products", summary.products())
                    .put("seconds", summary.seconds()).put("usd", summary.usd()));
            return new Outcome(summary, List.of());
        });
    }

    /** A dollar package without a contract rate cannot price seconds (DESIGN §2). */
    static List<LineError> againstContract(Contract contract, List<UsageLine> lines) {
        List<LineError> errors = new ArrayList<>();
        if (contract != null && contract.model == ContractModel.DOLLAR_PACKAGE && contract.contractRatePerSecond == null) {
            for (UsageLine line : lines) {
                if (line.usd() == null) {
                    errors.add(new LineError(line.lineNumber(), "this dollar package has no contract rate, so give usage in usd"));
                }
            }
        }
        return errors;
    }

    private static Summary summarize(List<UsageLine> lines) {
        TreeSet<YearMonth> months = new TreeSet<>();
        TreeSet<String> products = new TreeSet<>();
        BigDecimal seconds = BigDecimal.ZERO;
        BigDecimal usd = BigDecimal.ZERO.setScale(2);
        for (UsageLine line : lines) {
            months.add(line.month());
            if (!line.product().isEmpty()) {
                products.add(line.product());
            }
            seconds = line.seconds() == null ? seconds : seconds.add(line.seconds());
            usd = line.usd() == null ? usd : usd.add(line.usd());
        }
        return new Summary(lines.size(), months.stream().map(YearMonth::toString).toList(), List.copyOf(products), seconds, usd);
    }
}
