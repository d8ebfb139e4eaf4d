package com.spendportal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.spendportal.web.IdEntity;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One change made through a page or the API (DESIGN §12). Written once, never updated. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends IdEntity {

    @Column(name = "occurred_at")
    public Instant at;

    /** The username, or {@code system} for what nobody asked for. */
    public String actor;

    /** {@code page}, {@code basic}, {@code token:<id>} or {@code sso}. */
    public String via;

    /** {@code account.create}, {@code contract.update}, {@code user.role}, ... */
    public String action;

    /** What was changed: {@code account:12}, {@code user:3}, {@code token:7}, ... */
    public String target;

    /** What changed, as a JSON object: {@code {"name": {"old": "A", "new": "B"}}}. Never a secret. */
    public String detail;

    /** Reads amounts back exactly as written: 100.00 stays 100.00. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    /** The detail for people: {@code name: Acme → Acme Corp; apiKey: replaced}. */
    public String describe() {
        if (detail == null) {
            return "";
        }
        try {
            List<String> parts = new ArrayList<>();
            JSON.readTree(detail).properties().forEach(field -> parts.add(field.getKey() + ": " + text(field.getValue())));
            return String.join("; ", parts);
        } catch (JsonProcessingException e) {
            return detail;
        }
    }

    private static String text(JsonNode value) {
        if (value.isObject() && value.has("old") && value.has("new")) {
            return text(value.get("old")) + " \u2192 " + text(value.get("new"));
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(text(item)));
            return String.join(", ", items);
        }
        return value.isNull() ? "none" : value.isValueNode() ? value.asText() : value.toString();
    }

    /** The detail as JSON for the API, or null. */
    public JsonNode detailJson() {
        try {
            return detail == null ? null : JSON.readTree(detail);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(detail);
        }
    }

    /** The newest entries matching {@code filter}, older than {@code beforeId} when given. */
    static List<AuditEntry> newest(AuditFilter filter, Long beforeId, int limit) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.actor() != null) {
            where.add("lower(actor) = :actor");
            parameters.and("actor", filter.actor().toLowerCase());
        }
        if (filter.action() != null) {
            // "account" matches account.create, account.update...; "account.update" only itself.
            where.add("(action = :action or action like :prefix)");
            parameters.and("action", filter.action()).and("prefix", filter.action() + ".%");
        }
        if (filter.target() != null) {
            where.add("target = :target");
            parameters.and("target", filter.target());
        }
        if (filter.from() != null) {
            where.add("at >= :from");
            parameters.and("from", filter.fromInstant());
        }
        if (filter.to() != null) {
            where.add("at < :to");
            parameters.and("to", filter.toInstantExclusive());
        }
        if (beforeId != null) {
            where.add("id < :before");
            parameters.and("before", beforeId);
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by id desc";
        return find(query, parameters).page(0, limit).list();
    }
}
