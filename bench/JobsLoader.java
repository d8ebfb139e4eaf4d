import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Loads a job list of the size real use makes straight into a stopped portal's H2 file (phase C of bench/load.sh): for
 * each of the first ACCOUNTS usage-based accounts, PER_DAY jobs a day for DAYS days up to yesterday, as a sync would
 * store them (job rows, the per-day figures of job_day, folder names and a completed sync), deterministic from the
 * account id. Through the API this would take hours: the sync reads HeyGen's list 100 jobs a call.
 *
 *   java -cp h2.jar bench/JobsLoader.java jdbc:h2:/path/data/portal DAYS PER_DAY ACCOUNTS
 */
public class JobsLoader {

    static final String[] FOLDERS = { "fld_marketing", "fld_onboarding", "fld_support", "" };
    static final String[] NAMES = { "Marketing", "Onboarding", "Support" };

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int days = Integer.parseInt(args[1]);
        int perDay = Integer.parseInt(args[2]);
        int limit = Integer.parseInt(args[3]);
        LocalDate last = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        LocalDate first = last.minusDays(days - 1L);
        long started = System.nanoTime();
        long jobs = 0;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            List<Long> accounts = new ArrayList<>();
            try (ResultSet r = c.createStatement().executeQuery("SELECT a.id FROM account a JOIN contract k ON k.account_id = a.id"
                    + " WHERE k.model = 'USAGE_BASED' ORDER BY a.id LIMIT " + limit)) {
                while (r.next()) {
                    accounts.add(r.getLong(1));
                }
            }
            Instant now = Instant.now();
            try (PreparedStatement job = c.prepareStatement("INSERT INTO job (account_id, job_id, status, created_at,"
                    + " completed_at, duration_seconds, folder_id, kind, title, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement day = c.prepareStatement("INSERT INTO job_day (account_id, job_day, folder_id, kind, jobs,"
                            + " seconds) VALUES (?, ?, ?, ?, ?, ?)");
                    PreparedStatement folder = c.prepareStatement("INSERT INTO job_folder (account_id, folder_id, name, read_at)"
                            + " VALUES (?, ?, ?, ?)");
                    PreparedStatement sync = c.prepareStatement("INSERT INTO job_sync (account_id, mark_created_at, first_read_at,"
                            + " last_started_at, last_finished_at) VALUES (?, ?, ?, ?, ?)")) {
                for (long account : accounts) {
                    Random random = new Random(account);
                    Map<String, long[]> counts = new TreeMap<>();
                    Map<String, BigDecimal> seconds = new TreeMap<>();
                    Instant newest = null;
                    int n = 0;
                    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                        Instant midnight = d.atStartOfDay(ZoneOffset.UTC).toInstant();
                        for (int i = 0; i < perDay; i++) {
                            Instant created = midnight.plusSeconds(i * (86_000L / perDay) + random.nextInt(60));
                            String folderId = FOLDERS[random.nextInt(FOLDERS.length)];
                            String kind = random.nextInt(10) == 0 ? "TRANSLATION" : "VIDEO";
                            boolean failed = random.nextInt(33) == 0;
                            BigDecimal duration = failed ? null : BigDecimal.valueOf(10_000 + random.nextInt(290_000), 3);
                            Instant completed = created.plusSeconds(60 + random.nextInt(540));
                            job.setLong(1, account);
                            job.setString(2, String.format("%016x%016x", account, (long) n++));
                            job.setString(3, failed ? "failed" : "completed");
                            job.setTimestamp(4, Timestamp.from(created));
                            job.setTimestamp(5, Timestamp.from(completed));
                            job.setBigDecimal(6, duration);
                            job.setString(7, folderId);
                            job.setString(8, kind);
                            job.setString(9, "Video " + n);
                            job.setTimestamp(10, Timestamp.from(now));
                            job.addBatch();
                            newest = created;
                            if (!failed) {
                                LocalDate on = LocalDate.ofInstant(completed, ZoneOffset.UTC);
                                String key = on + "\u0000" + folderId + "\u0000" + kind;
                                counts.computeIfAbsent(key, k -> new long[1])[0]++;
                                seconds.merge(key, duration, BigDecimal::add);
                            }
                            if (n % 5_000 == 0) {
                                job.executeBatch();
                                c.commit();
                            }
                        }
                    }
                    job.executeBatch();
                    jobs += n;
                    for (Map.Entry<String, long[]> e : counts.entrySet()) {
                        String[] k = e.getKey().split("\u0000", -1);
                        day.setLong(1, account);
                        day.setDate(2, Date.valueOf(LocalDate.parse(k[0])));
                        day.setString(3, k[1]);
                        day.setString(4, k[2]);
                        day.setInt(5, (int) e.getValue()[0]);
                        day.setBigDecimal(6, seconds.get(e.getKey()));
                        day.addBatch();
                    }
                    day.executeBatch();
                    for (int f = 0; f < NAMES.length; f++) {
                        folder.setLong(1, account);
                        folder.setString(2, FOLDERS[f]);
                        folder.setString(3, NAMES[f]);
                        folder.setTimestamp(4, Timestamp.from(now));
                        folder.addBatch();
                    }
                    folder.executeBatch();
                    sync.setLong(1, account);
                    sync.setTimestamp(2, newest == null ? null : Timestamp.from(newest));
                    sync.setTimestamp(3, Timestamp.from(now));
                    sync.setTimestamp(4, Timestamp.from(now));
                    sync.setTimestamp(5, Timestamp.from(now));
                    sync.executeUpdate();
                    c.commit();
                }
            }
            c.createStatement().executeUpdate("UPDATE data_version SET version = version + 1 WHERE id = 1");
            c.commit();
            System.out.printf("loaded %,d jobs of %d accounts (%d days, %d a day) in %.0f s%n", jobs, accounts.size(), days,
                    perDay, (System.nanoTime() - started) / 1e9);
            System.out.println("account_ids " + accounts.stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse(""));
        }
    }
}
