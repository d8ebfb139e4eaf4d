package com.spendportal.jobs;

import com.spendportal.web.Dates;
import com.spendportal.web.Text;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which jobs a list shows (the jobs page, its CSV and {@code GET /api/accounts/{id}/jobs}): a folder ({@link JobDays#NO_FOLDER}
 * for jobs listed without one), a status and the UTC month a job was created in. Null means any.
 */
public record JobFilter(String folderId, String status, YearMonth month) {

    public static final JobFilter ANY = new JobFilter(null, null, null);

    /** The {@code folder} parameter's value for the jobs listed without a folder. */
    public static final String NO_FOLDER_PARAMETER = "none";

    static final int FOLDER_MAX = 100;
    static final String STATUS_MESSAGE = "Must be one of " + JobStatus.PENDING + ", " + JobStatus.PROCESSING + ", "
            + JobStatus.COMPLETED + " or " + JobStatus.FAILED + ".";
    static final String FOLDER_MESSAGE = "A folder id has at most " + FOLDER_MAX + " characters and no control characters.";

    /** The filter, or the message for each parameter that cannot be read (by parameter name). */
    public record Parsed(JobFilter filter, Map<String, String> errors) {
    }

    /** Reads the three parameters as a page or the API gets them; blank means any. */
    public static Parsed parse(String folder, String status, String month) {
        Map<String, String> errors = new LinkedHashMap<>();
        String folderId = blankToNull(folder);
        if (folderId != null && (folderId.length() > FOLDER_MAX || !Text.oneLine(folderId))) {
            errors.put("folder", FOLDER_MESSAGE);
        } else if (NO_FOLDER_PARAMETER.equals(folderId)) {
            folderId = JobDays.NO_FOLDER;
        }
        String statusValue = blankToNull(status);
        String known = JobStatus.of(statusValue);
        if (statusValue != null && known == null) {
            errors.put("status", STATUS_MESSAGE);
        }
        String monthText = month == null || month.isBlank() ? null : month; // Dates' rule: exactly YYYY-MM
        YearMonth monthValue = monthText == null ? null : Dates.month(monthText);
        if (monthText != null && monthValue == null) {
            errors.put("month", Dates.MONTH_MESSAGE);
        }
        return new Parsed(errors.isEmpty() ? new JobFilter(folderId, known, monthValue) : null, errors);
    }

    /** The {@code folder} parameter that selects this filter's folder. */
    public String folderParameter() {
        return folderId == null ? null : folderParameter(folderId);
    }

    /** The {@code folder} parameter that selects a folder ({@value #NO_FOLDER_PARAMETER} for none). */
    public static String folderParameter(String folderId) {
        return folderId.equals(JobDays.NO_FOLDER) ? NO_FOLDER_PARAMETER : folderId;
    }

    /** The filter as query parameters (empty for any), for links to the next page, the CSV and the API. */
    public String query() {
        StringBuilder query = new StringBuilder();
        append(query, "folder", folderParameter());
        append(query, "status", status);
        append(query, "month", month == null ? null : month.toString());
        return query.toString();
    }

    Instant monthStart() {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    Instant monthEnd() {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
