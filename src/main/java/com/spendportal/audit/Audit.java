package com.spendportal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.spendportal.web.Via;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the audit trail (DESIGN §12): who changed what, when and through what, in the same
 * transaction as the change, so a change that rolls back leaves no entry and no change goes
 * unrecorded. Callers describe the change with {@link #detail()} and never pass a secret: an API
 * key, password, token or webhook secret appears only as {@code "set"}, {@code "replaced"} or
 * {@code "removed"}.
 */
@ApplicationScoped
public class Audit {

    /** The actor of what the portal does by itself. */
    public static final String SYSTEM = "system";

    static final int DETAIL_MAX = 20_000;

    @Inject
    SecurityIdentity identity;

    @Inject
    ObjectMapper mapper;

    /** Records a change made by the caller of the current request. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String target, Detail detail) {
        // At start-up and in scheduled work there is no request, so nobody asked: the portal did it.
        boolean anonymous = !Arc.container().requestContext().isActive() || identity.isAnonymous();
        String via = anonymous ? null : Via.of(identity);
        recordAs(anonymous ? SYSTEM : identity.getPrincipal().getName(), via == null ? SYSTEM : via, action, target, detail);
    }

    /** Records a change for a caller the request does not carry yet, e.g. someone signing in through SSO. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAs(String actor, String via, String action, String target, Detail detail) {
        AuditEntry entry = new AuditEntry();
        entry.at = Instant.now();
        entry.actor = actor;
        entry.via = via;
        entry.action = action;
        entry.target = target;
        entry.detail = json(detail);
        entry.persist();
    }

    private String json(Detail detail) {
        if (detail == null || detail.values.isEmpty()) {
            return null;
        }
        try {
            String json = mapper.writeValueAsString(detail.values);
            return json.length() <= DETAIL_MAX ? json : "{\"truncated\":true}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an audit detail", e);
        }
    }

    public static Detail detail() {
        return new Detail();
    }

    /** What a change did, field by field, in the order it was described. */
    public static final class Detail {

        private final Map<String, Object> values = new LinkedHashMap<>();

        private Detail() {
        }

        public Detail put(String field, Object value) {
            values.put(field, value);
            return this;
        }

        /** {@code {"old": ..., "new": ...}} under {@code field}, only when the value changed. */
        public Detail change(String field, Object old, Object now) {
            boolean same = old instanceof BigDecimal a && now instanceof BigDecimal b ? a.compareTo(b) == 0
                    : Objects.equals(old, now);
            if (!same) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("old", old);
                change.put("new", now);
                values.put(field, change);
            }
            return this;
        }

        /** Adds every field of {@code other}, after this one's. */
        public Detail merge(Detail other) {
            values.putAll(other.values);
            return this;
        }

        /** Whether anything changed, e.g. to skip recording a save that kept every value. */
        public boolean isEmpty() {
            return values.isEmpty();
        }
    }
}
