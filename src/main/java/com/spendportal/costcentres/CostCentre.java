package com.spendportal.costcentres;

import com.spendportal.web.IdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A team's share of the HeyGen bill (DESIGN §19): a name, an owner to tell, a monthly budget, and its members. */
@Entity
@Table(name = "cost_centre")
public class CostCentre extends IdEntity {

    public static final int NAME_MAX = 100;

    @Column(nullable = false, length = NAME_MAX)
    public String name;

    /** The name in lower case: names are unique whatever their case. */
    @Column(name = "name_key", nullable = false, length = NAME_MAX)
    public String nameKey;

    @Column(name = "owner_email", length = 254)
    public String ownerEmail;

    @Column(name = "monthly_budget_usd", precision = 14, scale = 2)
    public BigDecimal monthlyBudgetUsd;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public void setName(String value) {
        name = value;
        nameKey = key(value);
    }

    public static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    public static List<CostCentre> listByName() {
        return list("order by nameKey");
    }

    public static Optional<CostCentre> findByName(String name) {
        return find("nameKey", key(name)).firstResultOptional();
    }
}
