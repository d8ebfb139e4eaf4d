package com.spendportal.jobs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;

/**
 * One month of an account's completed jobs by folder and kind, from {@code job_day} (DESIGN §18): each row's jobs,
 * seconds and share of the month's seconds.
 *
 * @param current whether it is the month of today (its figures are so far)
 */
public record FolderMonth(YearMonth month, boolean current, List<Row> rows, long jobs, BigDecimal seconds) {

    /**
     * @param sharePct the row's seconds in percent of the month's, HALF_UP to 1 decimal; null when the month has no
     *                 seconds
     */
    public record Row(String folderId, String folderLabel, String kind, long jobs, BigDecimal seconds, BigDecimal sharePct) {

        /** The jobs page's {@code folder} parameter for this row's folder. */
        public String folderParameter() {
            return JobFilter.folderParameter(folderId);
        }

        public boolean translation() {
            return Job.TRANSLATION.equals(kind);
        }
    }

    /** The month's rows by most seconds first (then folder and kind), each with its share. */
    public static FolderMonth of(YearMonth month, boolean current, List<JobDays.FolderKind> sums, FolderNames names) {
        long jobs = sums.stream().mapToLong(JobDays.FolderKind::jobs).sum();
        BigDecimal seconds = sums.stream().map(JobDays.FolderKind::seconds).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(3, RoundingMode.HALF_UP);
        List<Row> rows = sums.stream()
                .map(s -> new Row(s.folderId(), names.label(s.folderId()), s.kind(), s.jobs(), s.seconds(),
                        seconds.signum() == 0 ? null
                                : s.seconds().multiply(BigDecimal.valueOf(100)).divide(seconds, 1, RoundingMode.HALF_UP)))
                .sorted(Comparator.comparing(Row::seconds).reversed()
                        .thenComparing(Row::folderLabel, String.CASE_INSENSITIVE_ORDER).thenComparing(Row::kind))
                .toList();
        return new FolderMonth(month, current, rows, jobs, seconds);
    }
}
