package com.fieldops.command.activitytype;

import com.fieldops.platform.problem.RuleViolation;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The set rule "name and xero_code are unique per organisation", kept in a lookup table that is written in the
 * command's own transaction: a claim either wins the primary key or finds the owner, and a rolled-back command
 * releases nothing it did not hold. Concurrent claims of one key serialise on the key's index entry.
 */
@Component
public class ActivityTypeUniqueness {

    static final String NAME = "name";
    static final String XERO_CODE = "xero_code";

    private final JdbcClient jdbc;

    public ActivityTypeUniqueness(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void claimName(UUID orgId, String name, UUID activityTypeId) {
        claim(orgId, NAME, ActivityTypeRules.nameKey(name), activityTypeId,
                "an activity type named '" + name.trim() + "' already exists (a disabled one can be enabled again)");
    }

    public void claimXeroCode(UUID orgId, String xeroCode, UUID activityTypeId) {
        claim(orgId, XERO_CODE, xeroCode.trim(), activityTypeId,
                "another activity type already has xero_code '" + xeroCode.trim() + "'");
    }

    public void releaseName(UUID orgId, String name, UUID activityTypeId) {
        release(orgId, NAME, ActivityTypeRules.nameKey(name), activityTypeId);
    }

    public void releaseXeroCode(UUID orgId, String xeroCode, UUID activityTypeId) {
        release(orgId, XERO_CODE, xeroCode.trim(), activityTypeId);
    }

    public Optional<UUID> ownerOfName(UUID orgId, String name) {
        return ownerOf(orgId, NAME, ActivityTypeRules.nameKey(name));
    }

    public Optional<UUID> ownerOfXeroCode(UUID orgId, String xeroCode) {
        return ownerOf(orgId, XERO_CODE, xeroCode.trim());
    }

    private void claim(UUID orgId, String kind, String key, UUID activityTypeId, String conflictMessage) {
        int inserted = jdbc.sql("""
                        insert into activity_type_unique_key (org_id, kind, normalized_value, activity_type_id)
                        values (?, ?, ?, ?) on conflict do nothing""")
                .params(orgId, kind, key, activityTypeId).update();
        if (inserted == 0 && !ownerOf(orgId, kind, key).filter(activityTypeId::equals).isPresent()) {
            throw RuleViolation.conflict(kind, conflictMessage);
        }
    }

    private void release(UUID orgId, String kind, String key, UUID activityTypeId) {
        jdbc.sql("""
                        delete from activity_type_unique_key
                        where org_id = ? and kind = ? and normalized_value = ? and activity_type_id = ?""")
                .params(orgId, kind, key, activityTypeId).update();
    }

    private Optional<UUID> ownerOf(UUID orgId, String kind, String key) {
        return jdbc.sql("""
                        select activity_type_id from activity_type_unique_key
                        where org_id = ? and kind = ? and normalized_value = ?""")
                .params(orgId, kind, key).query(UUID.class).optional();
    }
}
