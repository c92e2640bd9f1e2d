package com.fieldops.query.activitytype;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fieldops.platform.api.ActivityTypeResource;
import com.fieldops.platform.security.AppRole;
import com.fieldops.platform.security.CurrentUser;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The price list is read far more often than it changes, and a list of 1,000 types is 260 kB of JSON. Each
 * organisation's list is kept serialized, per view (admins also see disabled types), together with the list stamp it
 * was read at; a request costs one primary-key lookup of the current stamp. The projection bumps the stamp in the
 * transaction of every change, so a cached list is never served after its change was applied (read-your-writes
 * holds), on every query-side instance. Lists are filled through {@link ActivityTypeReadRepository}, that is with
 * row-level security as the caller.
 */
@Component
public class ActivityTypeListCache {

    private static final long MAX_BYTES = 64L * 1024 * 1024;

    /** One organisation's list as one class of reader sees it. */
    private record Key(UUID orgId, boolean admin) {
    }

    private record Snapshot(long stamp, SerializedList enabled, SerializedList all,
                            Map<UUID, ActivityTypeResource> byId) {
        // the weight is fixed when the snapshot enters the cache, so it counts the gzip forms to come as well
        int weight() {
            return enabled.weight() + (all == enabled ? 0 : all.weight()) + byId.size() * 400;
        }
    }

    private final Cache<Key, Snapshot> snapshots = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((Key key, Snapshot snapshot) -> snapshot.weight())
            .build();
    private final ActivityTypeReadRepository repository;
    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    public ActivityTypeListCache(ActivityTypeReadRepository repository, JdbcClient jdbc, ObjectMapper mapper) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** The caller's list: enabled types by name; an admin may ask for the disabled ones too. */
    SerializedList list(CurrentUser caller, boolean includeDisabled) {
        Snapshot snapshot = current(caller);
        return includeDisabled && caller.is(AppRole.ADMIN) ? snapshot.all() : snapshot.enabled();
    }

    /** One type the caller may see, from the cached list when it is current, else read on its own. */
    public Optional<ActivityTypeResource> find(CurrentUser caller, UUID id) {
        Snapshot cached = snapshots.getIfPresent(new Key(caller.orgId(), caller.is(AppRole.ADMIN)));
        if (cached != null && cached.stamp() == stampOf(caller.orgId())) return Optional.ofNullable(cached.byId().get(id));
        // a single row after a change: no need to rebuild the whole list for it
        return repository.findById(caller, id);
    }

    private Snapshot current(CurrentUser caller) {
        Key key = new Key(caller.orgId(), caller.is(AppRole.ADMIN));
        // the stamp is read before the list: a change landing in between makes the next request read again
        long stamp = stampOf(caller.orgId());
        Snapshot cached = snapshots.getIfPresent(key);
        if (cached != null && cached.stamp() == stamp) return cached;
        // one reader rebuilds a stale list while the others of that key wait for it, instead of all rebuilding
        return snapshots.asMap().compute(key, (k, current) ->
                current != null && current.stamp() >= stamp ? current : read(caller, stamp));
    }

    private long stampOf(UUID orgId) {
        return jdbc.sql("select stamp from activity_type_list_stamp where org_id = ?")
                .param(orgId).query(Long.class).optional().orElse(0L);
    }

    private Snapshot read(CurrentUser caller, long stamp) {
        List<ActivityTypeResource> visible = repository.findAll(caller, true);
        List<ActivityTypeResource> enabled = visible.stream().filter(ActivityTypeResource::enabled).toList();
        Map<UUID, ActivityTypeResource> byId = new LinkedHashMap<>();
        visible.forEach(type -> byId.put(type.id(), type));
        try {
            SerializedList enabledList = new SerializedList(mapper.writeValueAsBytes(enabled));
            SerializedList allList = enabled.size() == visible.size() ? enabledList
                    : new SerializedList(mapper.writeValueAsBytes(visible));
            return new Snapshot(stamp, enabledList, allList, byId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the price list", e);
        }
    }
}
