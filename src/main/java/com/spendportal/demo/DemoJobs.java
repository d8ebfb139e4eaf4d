package com.spendportal.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * A demo account's job list as the demo upstream serves it (DESIGN §18), in HeyGen's wire format: one job every half
 * hour (at a moment within it) from the first day of the month before the load, so a new demo has this month's and
 * last month's jobs and the list grows as time goes on. Everything about job {@code n} (0 the oldest) is a function of
 * the account, {@code n} and the time asked: a job is {@code pending} for its first minute, {@code processing} until it
 * renders (3 to 20 minutes), then {@code completed}, or {@code failed} for about one in forty. Folders "Marketing",
 * "Onboarding" and "Support", a fifth of the jobs without one, about one in seven a translation. Durations average the
 * account's usual usage a day over {@value #PER_DAY} jobs, so the job seconds of a month come near its usage records.
 */
final class DemoJobs {

    static final Duration SLOT = Duration.ofMinutes(30);
    static final int PER_DAY = 48;

    record Folder(String id, String name) {
    }

    static final List<Folder> FOLDERS = List.of(new Folder("fld_demo_marketing", "Marketing"),
            new Folder("fld_demo_onboarding", "Onboarding"), new Folder("fld_demo_support", "Support"));
    /** When the demo folders were made, as HeyGen answers it (Unix seconds). */
    static final long FOLDERS_CREATED = 1_735_689_600L;

    private static final List<String> LANGUAGES = List.of("fr-FR", "de-DE", "es-ES", "ja-JP", "pt-BR");
    private static final Map<String, List<String>> TITLES = Map.of(
            "fld_demo_marketing", List.of("Product teaser", "Spring campaign", "Customer story", "Webinar invite"),
            "fld_demo_onboarding", List.of("Welcome to the team", "Benefits walkthrough", "Security basics", "First week"),
            "fld_demo_support", List.of("Support macro", "How to reset a password", "Billing FAQ", "Release notes"),
            "", List.of("Untitled video", "Draft", "Personal message"));

    private final long accountId;
    private final Instant first;
    private final BigDecimal meanSeconds;

    /**
     * @param loadedAt       when the demo was loaded (the account's creation)
     * @param secondsPerDay  the account's usual usage a day, in seconds
     */
    DemoJobs(long accountId, Instant loadedAt, BigDecimal secondsPerDay) {
        this.accountId = accountId;
        this.first = YearMonth.from(loadedAt.atZone(ZoneOffset.UTC)).minusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        this.meanSeconds = secondsPerDay.divide(BigDecimal.valueOf(PER_DAY), 3, RoundingMode.HALF_UP);
    }

    /** How many jobs are listed at {@code now}: job {@code n} is listed once it was created. */
    long count(Instant now) {
        if (now.isBefore(first)) {
            return 0;
        }
        long last = Duration.between(first, now).toSeconds() / SLOT.toSeconds();
        return created(last).isAfter(now) ? last : last + 1;
    }

    /** Job {@code n}'s id: 32 hex digits, the job's number hidden in the second half. */
    String id(long n) {
        return HexFormat.of().formatHex(longBytes(random(n).nextLong())) + HexFormat.of().formatHex(longBytes(n ^ key()));
    }

    /** The number of the job with this id, if the account has such a job (listed or not yet). */
    OptionalLong number(String id) {
        if (id == null || !id.matches("[0-9a-f]{32}")) {
            return OptionalLong.empty();
        }
        long n = HexFormat.fromHexDigitsToLong(id, 16, 32) ^ key();
        return n >= 0 && id.equals(id(n)) ? OptionalLong.of(n) : OptionalLong.empty();
    }

    /** Job {@code n} as {@code GET /v3/videos} lists it at {@code now}. */
    Map<String, Object> item(long n, Instant now) {
        SplittableRandom r = random(n);
        Instant created = created(r, n);
        Instant ended = created.plusSeconds(180 + r.nextInt(1021));
        boolean fails = r.nextInt(40) == 0;
        int pick = r.nextInt(100);
        String folder = pick < 35 ? FOLDERS.get(0).id() : pick < 60 ? FOLDERS.get(1).id() : pick < 80 ? FOLDERS.get(2).id() : "";
        String language = r.nextInt(7) == 0 ? LANGUAGES.get(r.nextInt(LANGUAGES.size())) : null;
        BigDecimal duration = meanSeconds.multiply(BigDecimal.valueOf(400 + r.nextInt(1201), 3)).setScale(3, RoundingMode.HALF_UP);
        List<String> titles = TITLES.get(folder);
        String title = titles.get(r.nextInt(titles.size())) + " #" + (n + 1) + (language == null ? "" : " (" + language + ")");

        String id = id(n);
        String status = now.isBefore(created.plusSeconds(60)) ? "pending" : now.isBefore(ended) ? "processing"
                : fails ? "failed" : "completed";
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("status", status);
        item.put("title", title);
        item.put("created_at", created.getEpochSecond());
        if (status.equals("completed") || status.equals("failed")) {
            item.put("completed_at", ended.getEpochSecond());
        }
        if (status.equals("completed")) {
            item.put("video_url", "https://files.demo.invalid/video/" + id + ".mp4");
            item.put("thumbnail_url", "https://files.demo.invalid/thumb/" + id + ".jpg");
            item.put("duration", duration);
        }
        if (!folder.isEmpty()) {
            item.put("folder_id", folder);
        }
        if (language != null) {
            item.put("output_language", language);
        }
        if (status.equals("failed")) {
            item.put("failure_code", "rendering_failed");
            item.put("failure_message", "Avatar rendering timed out");
        }
        item.put("video_page_url", "https://app.demo.invalid/video/" + id);
        return item;
    }

    /** Job {@code n}'s creation: a moment within its half hour, never in the last five minutes of it. */
    Instant created(long n) {
        return created(random(n), n);
    }

    /** The creation from job {@code n}'s own draws, the id's first. */
    private Instant created(SplittableRandom r, long n) {
        r.nextLong();
        return first.plus(SLOT.multipliedBy(n)).plusSeconds(r.nextInt((int) SLOT.minusMinutes(5).toSeconds()));
    }

    static Folder folder(String id) {
        return FOLDERS.stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
    }

    private SplittableRandom random(long n) {
        return new SplittableRandom(accountId * 0x9E3779B97F4A7C15L + n);
    }

    private long key() {
        return new SplittableRandom(~accountId).nextLong() & Long.MAX_VALUE;
    }

    private static byte[] longBytes(long value) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }
}
