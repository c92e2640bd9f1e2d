package com.fieldops.command.activitytype;

import com.fieldops.platform.problem.RuleViolation;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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
public class ActivityTypeUniqueness implements UniqueKeys {

    static final String NAME = "name";
    static final String XERO_CODE = "xero_code";

    private final JdbcClient jdbc;

    public ActivityTypeUniqueness(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void claimName(UUID orgId, String name, UUID activityTypeId) {
        claim(orgId, NAME, ActivityTypeRules.nameKey(name), activityTypeId, nameTaken(name));
    }

    @Override
    public void claimXeroCode(UUID orgId, String xeroCode, UUID activityTypeId) {
        claim(orgId, XERO_CODE, xeroCode.trim(), activityTypeId, xeroCodeTaken(xeroCode));
    }

    public void releaseName(UUID orgId, String name, UUID activityTypeId) {
        release(orgId, NAME, ActivityTypeRules.nameKey(name), activityTypeId);
    }

    public void releaseXeroCode(UUID orgId, String xeroCode, UUID activityTypeId) {
        release(orgId, XERO_CODE, xeroCode.trim(), activityTypeId);
    }

    /**
     * Claims many keys of one kind in one statement, for a bulk import: {@code wanted} maps each normalized key to the
     * type that wants it. Answers who holds each key afterwards (the wanter, or the type that held it before), so the
     * import tells its rows' conflicts without a round trip per row.
     */
    public Map<String, UUID> claimAll(UUID orgId, String kind, Map<String, UUID> wanted) {
        if (wanted.isEmpty()) return Map.of();
        String[] keys = wanted.keySet().toArray(String[]::new);
        String[] owners = Arrays.stream(keys).map(key -> wanted.get(key).toString()).toArray(String[]::new);
        jdbc.sql("""
                        insert into activity_type_unique_key (org_id, kind, normalized_value, activity_type_id)
                        select ?, ?, wanted.key, wanted.owner
                        from unnest(?::text[], ?::uuid[]) as wanted(key, owner)
                        on conflict do nothing""")
                .params(orgId, kind, keys, owners).update();
        return holders(orgId, kind, keys);
    }

    /** The holders of those keys of one kind; keys nobody holds are absent. */
    public Map<String, UUID> holders(UUID orgId, String kind, String[] keys) {
        Map<String, UUID> holders = new HashMap<>();
        if (keys.length == 0) return holders;
        jdbc.sql("""
                        select normalized_value, activity_type_id from activity_type_unique_key
                        where org_id = ? and kind = ? and normalized_value = any(?::text[])""")
                .params(orgId, kind, keys)
                .query(row -> {
                    holders.put(row.getString(1), row.getObject(2, UUID.class));
                });
        return holders;
    }

    /** Gives up every key those types hold: import rows that failed after their keys were claimed. */
    public void releaseAll(UUID orgId, Collection<UUID> activityTypeIds) {
        if (activityTypeIds.isEmpty()) return;
        jdbc.sql("delete from activity_type_unique_key where org_id = ? and activity_type_id = any(?::uuid[])")
                .params(orgId, activityTypeIds.stream().map(UUID::toString).toArray(String[]::new)).update();
    }

    public Optional<UUID> ownerOfName(UUID orgId, String name) {
        return ownerOf(orgId, NAME, ActivityTypeRules.nameKey(name));
    }

    public Optional<UUID> ownerOfXeroCode(UUID orgId, String xeroCode) {
        return ownerOf(orgId, XERO_CODE, xeroCode.trim());
    }

    /** Every xero_code of the organisation's types, and the type holding it. */
    public Map<String, UUID> xeroCodes(UUID orgId) {
        Map<String, UUID> codes = new HashMap<>();
        jdbc.sql("select normalized_value, activity_type_id from activity_type_unique_key where org_id = ? and kind = ?")
                .params(orgId, XERO_CODE)
                .query(row -> {
                    codes.put(row.getString(1), row.getObject(2, UUID.class));
                });
        return codes;
    }

    static RuleViolation nameTaken(String name) {
        return RuleViolation.conflict(NAME,
                "an activity type named '" + name.trim() + "' already exists (a disabled one can be enabled again)");
    }

    static RuleViolation xeroCodeTaken(String xeroCode) {
        return RuleViolation.conflict(XERO_CODE, "another activity type already has xero_code '" + xeroCode.trim() + "'");
    }

    private void claim(UUID orgId, String kind, String key, UUID activityTypeId, RuleViolation conflict) {
        int inserted = jdbc.sql("""
                        insert into activity_type_unique_key (org_id, kind, normalized_value, activity_type_id)
                        values (?, ?, ?, ?) on conflict do nothing""")
                .params(orgId, kind, key, activityTypeId).update();
        if (inserted == 0 && !ownerOf(orgId, kind, key).filter(activityTypeId::equals).isPresent()) {
            throw conflict;
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
