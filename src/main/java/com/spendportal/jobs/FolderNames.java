package com.spendportal.jobs;

import io.quarkus.hibernate.orm.panache.Panache;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An account's folder names as last read from HeyGen ({@code job_folder}, DESIGN §18). A folder whose name was never
 * read is shown by its id, the jobs listed without a folder as "No folder".
 */
public final class FolderNames {

    public static final String NO_FOLDER_LABEL = "No folder";

    /** A folder as a filter offers it. */
    public record Folder(String id, String label) {

        /** The {@code folder} parameter that selects it. */
        public String parameter() {
            return JobFilter.folderParameter(id);
        }
    }

    private final Map<String, String> names;

    private FolderNames(Map<String, String> names) {
        this.names = names;
    }

    /** The account's folder names, in one query. */
    public static FolderNames of(long accountId) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery(
                "SELECT folder_id, name FROM job_folder WHERE account_id = ?1 AND name IS NOT NULL", Object[].class)
                .setParameter(1, accountId).getResultList();
        Map<String, String> names = new HashMap<>();
        rows.forEach(r -> names.put((String) r[0], (String) r[1]));
        return new FolderNames(names);
    }

    /** The folder's name as read, or null: never read, unknown, or no folder at all. */
    public String name(String folderId) {
        return folderId == null || folderId.equals(JobDays.NO_FOLDER) ? null : names.get(folderId);
    }

    /** The folder as people see it: its name, else its id; "No folder" for none. */
    public String label(String folderId) {
        if (folderId == null || folderId.equals(JobDays.NO_FOLDER)) {
            return NO_FOLDER_LABEL;
        }
        String name = names.get(folderId);
        return name == null ? folderId : name;
    }

    /**
     * Every folder the account's jobs are known in (those of {@code job_folder} and of {@code job_day}), and "No folder",
     * by label: what a folder filter offers. Two queries.
     */
    public static List<Folder> known(long accountId) {
        FolderNames names = of(accountId);
        TreeSet<String> ids = new TreeSet<>();
        ids.add(JobDays.NO_FOLDER);
        ids.addAll(Panache.getEntityManager().createNativeQuery("SELECT folder_id FROM job_folder WHERE account_id = ?1"
                + " UNION SELECT DISTINCT folder_id FROM job_day WHERE account_id = ?1", String.class)
                .setParameter(1, accountId).getResultList());
        return ids.stream().map(id -> new Folder(id, names.label(id)))
                .sorted(Comparator.comparing((Folder f) -> !f.id().equals(JobDays.NO_FOLDER))
                        .thenComparing(Folder::label, String.CASE_INSENSITIVE_ORDER).thenComparing(Folder::id))
                .toList();
    }
}
