package com.spendportal.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.spendportal.wallet.UpstreamFailure;
import com.spendportal.web.Text;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the portal reads from HeyGen's job list (DESIGN §18): pages of {@code GET /v3/videos}, one job of
 * {@code GET /v3/videos/{id}}, one folder of {@code GET /v3/folders/{id}}. A job that cannot be stored as listed (no
 * id, a duration that is not a non-negative number, an unknown status, no created_at, a completed job without
 * completed_at or duration) is left out and counted; a body that is not JSON of the documented shape is an
 * {@link UpstreamFailure.Invalid}. Numbers go from the JSON text into {@link BigDecimal}, never through double.
 */
final class JobListing {

    /** HeyGen's ids and folder ids fit the columns; longer ones are not HeyGen's. */
    static final int ID_MAX = 100;
    /** NUMERIC(14, 3): durations from 100 billion seconds on are not a video's. */
    private static final BigDecimal DURATION_LIMIT = new BigDecimal("100000000000");
    /** 9999-12-31T23:59:59Z: a Unix time past it is not a job's. */
    private static final long LATEST_SECOND = 253_402_300_799L;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JobListing() {
    }

    /** One job as listed, cleaned for storing. */
    record Listed(String jobId, String status, Instant createdAt, Instant completedAt, BigDecimal durationSeconds,
            String folderId, String kind, String title) {

        /** Completed or failed: HeyGen will not change it any more. */
        boolean isFinal() {
            return JobStatus.isFinal(status);
        }
    }

    /**
     * One page of the list.
     *
     * @param skipped the page's items that could not be stored as listed
     * @param nextToken null on the last page, and when HeyGen said {@code has_more} but gave no token
     */
    record Page(List<Listed> jobs, int skipped, boolean hasMore, String nextToken) {

        /** {@code has_more} true with no {@code next_token}: the rest of the list cannot be asked for. */
        boolean brokenPaging() {
            return hasMore && nextToken == null;
        }
    }

    /** One job by id: the job, or null when it could not be stored as listed. */
    record One(Listed job) {
    }

    /** A folder's name: null when HeyGen gave none, or one with control characters ({@code unfit}). */
    record Folder(String name, boolean unfit) {
    }

    static Page page(String body) {
        JsonNode root = read(body);
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new UpstreamFailure.Invalid("HeyGen's job list page has no \"data\" list.");
        }
        List<Listed> jobs = new ArrayList<>(data.size());
        int skipped = 0;
        for (JsonNode item : data) {
            Listed job = job(item);
            if (job == null) {
                skipped++;
            } else {
                jobs.add(job);
            }
        }
        boolean hasMore = root.path("has_more").asBoolean(false);
        JsonNode token = root.get("next_token");
        String nextToken = hasMore && token != null && token.isTextual() && !token.textValue().isBlank()
                && Text.oneLine(token.textValue()) ? token.textValue() : null;
        return new Page(jobs, skipped, hasMore, nextToken);
    }

    static One one(String body) {
        JsonNode data = read(body).get("data");
        if (data == null || !data.isObject()) {
            throw new UpstreamFailure.Invalid("HeyGen's answer has no \"data\" object.");
        }
        return new One(job(data));
    }

    static Folder folder(String body) {
        JsonNode data = read(body).get("data");
        if (data == null || !data.isObject()) {
            throw new UpstreamFailure.Invalid("HeyGen's answer has no \"data\" object.");
        }
        JsonNode name = data.get("name");
        if (name == null || !name.isTextual() || name.textValue().isBlank()) {
            return new Folder(null, false);
        }
        if (!Text.oneLine(name.textValue())) {
            return new Folder(null, true);
        }
        return new Folder(cut(name.textValue().strip(), Job.TITLE_MAX), false);
    }

    /** The job as stored, or null when it cannot be stored as listed. */
    static Listed job(JsonNode item) {
        if (item == null || !item.isObject()) {
            return null;
        }
        String id = id(item.get("id"));
        String status = item.path("status").isTextual() ? JobStatus.of(item.get("status").textValue()) : null;
        Instant createdAt = instant(item.get("created_at"));
        if (id == null || status == null || createdAt == null) {
            return null;
        }
        JsonNode durationNode = item.get("duration");
        BigDecimal duration = null;
        if (durationNode != null && !durationNode.isNull()) {
            if (!durationNode.isNumber() || durationNode.decimalValue().signum() < 0
                    || durationNode.decimalValue().compareTo(DURATION_LIMIT) >= 0) {
                return null;
            }
            duration = durationNode.decimalValue().setScale(3, RoundingMode.HALF_UP);
        }
        JsonNode completedNode = item.get("completed_at");
        Instant completedAt = instant(completedNode);
        if (completedAt == null && completedNode != null && !completedNode.isNull()) {
            return null;
        }
        if (JobStatus.COMPLETED.equals(status) && (completedAt == null || duration == null)) {
            return null;
        }
        JsonNode folderNode = item.get("folder_id");
        String folderId = JobDays.NO_FOLDER;
        if (folderNode != null && !folderNode.isNull() && !(folderNode.isTextual() && folderNode.textValue().isBlank())) {
            folderId = id(folderNode);
            if (folderId == null) {
                return null;
            }
        }
        JsonNode language = item.get("output_language");
        String kind = language != null && !language.isNull() && !(language.isTextual() && language.textValue().isBlank())
                ? Job.TRANSLATION : Job.VIDEO;
        return new Listed(id, status, createdAt, completedAt, duration, folderId, kind, title(item.get("title")));
    }

    /** Control characters and lone surrogates become spaces; at most {@link Job#TITLE_MAX} characters. */
    static String title(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        String text = node.textValue();
        StringBuilder clean = new StringBuilder(Math.min(text.length(), Job.TITLE_MAX + 1));
        for (int i = 0; i < text.length() && clean.length() <= Job.TITLE_MAX; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                clean.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || c < 0x20 || c >= 0x7f && c <= 0x9f) {
                clean.append(' ');
            } else {
                clean.append(c);
            }
        }
        String title = cut(clean.toString().strip(), Job.TITLE_MAX);
        return title.isEmpty() ? null : title;
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    private static String id(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        String id = node.textValue().strip();
        return id.isEmpty() || id.length() > ID_MAX || !Text.oneLine(id) ? null : id;
    }

    /** Unix seconds (a whole or fractional JSON number) to the millisecond, which both databases keep exactly; or null. */
    private static Instant instant(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return null;
        }
        BigDecimal seconds = node.decimalValue();
        if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(LATEST_SECOND)) > 0) {
            return null;
        }
        return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
    }

    private static JsonNode read(String body) {
        try {
            JsonNode root = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new UpstreamFailure.Invalid("HeyGen's answer is not a JSON object.");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new UpstreamFailure.Invalid("HeyGen's answer is not valid JSON (it may have been cut off).");
        }
    }
}
