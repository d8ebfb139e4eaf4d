package com.spendportal.contracts;

import com.spendportal.statements.ContractModel;
import com.spendportal.statements.ContractTerms;
import com.spendportal.web.Dates;
import com.spendportal.web.Decimals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contract terms as typed in the form or sent to the API, still as text so a rejected form comes
 * back exactly as typed. JSON numbers arrive here as their text, never through double.
 */
public record ContractInput(
        String model,
        String startDate,
        String termMonths,
        String mmcUsd,
        String contractRatePerSecond,
        String includedSecondsPerMonth,
        String includedUsdPerMonth,
        String overageRatePerSecond,
        String packageUsd) {

    static final BigDecimal MIN_CONTRACT_RATE = new BigDecimal("0.005");

    /** Either terms or per-field messages (field name as in the JSON body). */
    public record Result(ContractTerms terms, Map<String, String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static ContractInput of(ContractTerms t) {
        return new ContractInput(t.model().name(), t.startDate().toString(), Integer.toString(t.termMonths()),
                plain(t.mmcUsd()), plain(t.contractRatePerSecond()), plain(t.includedSecondsPerMonth()),
                plain(t.includedUsdPerMonth()), plain(t.overageRatePerSecond()), plain(t.packageUsd()));
    }

    public static ContractInput empty() {
        return new ContractInput("USAGE_BASED", "", "12", "", "", "", "", "", "");
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    /**
     * @param lenient accept "$5,000" in dollar fields, as people type them in the form
     */
    public Result validate(boolean lenient) {
        Map<String, String> errors = new LinkedHashMap<>();
        ContractModel parsedModel = null;
        if (model == null || model.isBlank()) {
            errors.put("model", "Choose usage-based or dollar package.");
        } else {
            try {
                parsedModel = ContractModel.valueOf(model.trim());
            } catch (IllegalArgumentException e) {
                errors.put("model", "Must be USAGE_BASED or DOLLAR_PACKAGE.");
            }
        }
        LocalDate start = null;
        if (startDate == null || startDate.isBlank()) {
            errors.put("startDate", "Required.");
        } else {
            start = Dates.day(startDate);
            if (start == null) {
                errors.put("startDate", Dates.DAY_MESSAGE);
            }
        }
        int term = 0;
        if (termMonths == null || termMonths.isBlank()) {
            errors.put("termMonths", "Required.");
        } else {
            try {
                term = Integer.parseInt(termMonths.trim());
                if (term < 1 || term > 60) {
                    errors.put("termMonths", "Between 1 and 60 months.");
                }
            } catch (NumberFormatException e) {
                errors.put("termMonths", "Enter a whole number of months (1 to 60).");
            }
        }
        if (parsedModel == null) {
            return new Result(null, errors);
        }
        BigDecimal rate = optional(contractRatePerSecond) ? null : rate("contractRatePerSecond", contractRatePerSecond, errors);
        if (parsedModel == ContractModel.USAGE_BASED) {
            BigDecimal mmc = dollars("mmcUsd", mmcUsd, errors, lenient);
            if (rate == null && !errors.containsKey("contractRatePerSecond")) {
                errors.put("contractRatePerSecond", "Required.");
            }
            BigDecimal overage = rate("overageRatePerSecond", overageRatePerSecond, errors);
            BigDecimal includedSeconds = null;
            BigDecimal includedUsd = null;
            boolean secondsGiven = !optional(includedSecondsPerMonth);
            boolean usdGiven = !optional(includedUsdPerMonth);
            if (secondsGiven && usdGiven) {
                errors.put("includedSecondsPerMonth", "Give the included pool in seconds or in dollars, not both.");
            } else if (!secondsGiven && !usdGiven) {
                errors.put("includedSecondsPerMonth", "Required: the included pool in seconds or in dollars.");
            } else if (secondsGiven) {
                includedSeconds = parse("includedSecondsPerMonth", includedSecondsPerMonth, 3, 15, lenient, errors);
            } else {
                includedUsd = dollars("includedUsdPerMonth", includedUsdPerMonth, errors, lenient);
            }
            if (!errors.isEmpty()) {
                return new Result(null, errors);
            }
            return new Result(ContractTerms.usageBased(start, term, mmc, rate, includedSeconds, includedUsd, overage), errors);
        }
        BigDecimal pkg = dollars("packageUsd", packageUsd, errors, lenient);
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(ContractTerms.dollarPackage(start, term, pkg, rate), errors);
    }

    private static boolean optional(String text) {
        return text == null || text.isBlank();
    }

    private static BigDecimal dollars(String field, String text, Map<String, String> errors, boolean lenient) {
        return parse(field, text, 2, 12, lenient, errors);
    }

    private static BigDecimal rate(String field, String text, Map<String, String> errors) {
        return parse(field, text, 6, 6, false, errors);
    }

    private static BigDecimal parse(String field, String text, int scale, int digits, boolean lenient, Map<String, String> errors) {
        Decimals.Parsed parsed = Decimals.parse(text, scale, digits, false, lenient);
        if (!parsed.ok()) {
            errors.put(field, parsed.error());
        }
        return parsed.value();
    }

    /** Terms that are allowed but unusual enough to point out (DESIGN §1). */
    public static List<String> warnings(ContractTerms terms) {
        List<String> warnings = new ArrayList<>();
        BigDecimal rate = terms.contractRatePerSecond();
        if (rate != null && rate.compareTo(MIN_CONTRACT_RATE) < 0) {
            warnings.add("The contract rate $" + rate.toPlainString()
                    + "/s is below HeyGen's stated minimum of $0.005/s.");
        }
        if (terms.model() == ContractModel.USAGE_BASED && rate != null && terms.overageRatePerSecond() != null
                && terms.overageRatePerSecond().compareTo(rate) < 0) {
            warnings.add("The overage rate $" + terms.overageRatePerSecond().toPlainString()
                    + "/s is below the contract rate $" + rate.toPlainString() + "/s.");
        }
        return warnings;
    }
}
