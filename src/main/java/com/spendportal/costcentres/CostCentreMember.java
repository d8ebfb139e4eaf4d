package com.spendportal.costcentres;

import com.spendportal.web.IdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;

/**
 * One member of a cost centre: a whole account ({@link #WHOLE_ACCOUNT}) or one folder of an account (DESIGN §19). An
 * account, and a folder of an account, belongs to one centre at most (a unique constraint).
 */
@Entity
@Table(name = "cost_centre_member")
public class CostCentreMember extends IdEntity {

    /** The folder key of a whole account; HeyGen's folder ids never take it. */
    public static final String WHOLE_ACCOUNT = "*";

    @Column(name = "cost_centre_id", nullable = false)
    public long costCentreId;

    @Column(name = "account_id", nullable = false)
    public long accountId;

    /** HeyGen's folder id, {@code ""} for the jobs listed without one, {@link #WHOLE_ACCOUNT} for the whole account. */
    @Column(name = "folder_key", nullable = false, length = 100)
    public String folderKey;

    public boolean wholeAccount() {
        return WHOLE_ACCOUNT.equals(folderKey);
    }

    /** The folder id, or null for a whole account. */
    public String folderId() {
        return wholeAccount() ? null : folderKey;
    }

    public static List<CostCentreMember> forCentre(long centreId) {
        return list("costCentreId = ?1 order by accountId, folderKey", centreId);
    }
}
