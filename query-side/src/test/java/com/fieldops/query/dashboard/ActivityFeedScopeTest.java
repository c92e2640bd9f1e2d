package com.fieldops.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fieldops.platform.security.AppRole;
import com.fieldops.platform.security.CurrentUser;
import com.fieldops.query.QuerySideTest;
import com.fieldops.query.rls.RlsReads;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The feed query walks one index per branch of the caller's scope and merges the walks: every role, filter and way of
 * paging must give exactly the rows of the plain query it replaced (one scan, the scope as an OR), in the same order,
 * with entries in two branches once and ties of time broken by id.
 */
@QuerySideTest
class ActivityFeedScopeTest {

    /** The query before the branches, as the reference: the whole scope, filtered, newest first, id desc. */
    private static final String REFERENCE = """
            select id from activity_log
            where org_id = :org
              and (:everyone or user_id = :caller or subject_user_id = :caller or (:manager and team_id = :team))
              and (cast(:user as uuid) is null or user_id = :user)
              and (cast(:type as text) is null or resource_type = :type)
              and (cast(:resource as uuid) is null or resource_id = :resource)
            order by created_at desc, id desc""";
    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");

    @Autowired JdbcClient jdbc;
    @Autowired RlsReads reads;
    @Autowired ActivityFeedReadRepository feed;

    private final UUID org = UUID.randomUUID();
    private final UUID team = UUID.randomUUID();
    private final UUID otherTeam = UUID.randomUUID();
    private final CurrentUser manager = user(AppRole.MANAGER, team);
    private final CurrentUser techA = user(AppRole.TECHNICIAN, team);
    private final CurrentUser techB = user(AppRole.TECHNICIAN, team);
    private final CurrentUser outsider = user(AppRole.TECHNICIAN, otherTeam);
    private final CurrentUser admin = user(AppRole.ADMIN, null);
    private final UUID sheet = UUID.randomUUID();
    private int rows;

    @BeforeEach
    void log() {
        for (int i = 0; i < 12; i++) {
            // the team's work, interleaved with the manager's own actions outside the team and entries about them
            entry(techA.userId(), "timesheet", i % 3 == 0 ? sheet : UUID.randomUUID(), techA.userId(), team);
            entry(manager.userId(), "timesheet", UUID.randomUUID(), outsider.userId(), otherTeam);
            entry(null, "job", UUID.randomUUID(), techB.userId(), team);
            entry(manager.userId(), "timesheet", i % 3 == 0 ? sheet : UUID.randomUUID(), techA.userId(), team);
            entry(admin.userId(), "timesheet", UUID.randomUUID(), manager.userId(), null);
            entry(outsider.userId(), "timesheet", UUID.randomUUID(), outsider.userId(), otherTeam);
            entry(techB.userId(), "job", UUID.randomUUID(), outsider.userId(), otherTeam);
            entry(null, "project", UUID.randomUUID(), null, null);
        }
        // another organisation's entries, at the same times
        UUID otherOrg = UUID.randomUUID();
        for (int i = 0; i < 10; i++) {
            insert(otherOrg, manager.userId(), "timesheet", UUID.randomUUID(), manager.userId(), team,
                    START.plusSeconds(i));
        }
    }

    /** Three entries a second, so a page boundary often falls between entries of the same time. */
    private void entry(UUID user, String type, UUID resource, UUID subject, UUID entryTeam) {
        insert(org, user, type, resource, subject, entryTeam, START.plusSeconds(rows++ / 3));
    }

    private void insert(UUID entryOrg, UUID user, String type, UUID resource, UUID subject, UUID entryTeam,
                        Instant at) {
        jdbc.sql("""
                        insert into activity_log (id, org_id, user_id, action, resource_type, resource_id,
                                                  subject_user_id, team_id, created_at)
                        values (?, ?, ?, 'changed', ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), entryOrg, user, type, resource, subject, entryTeam,
                        at.atOffset(ZoneOffset.UTC))
                .update();
    }

    @Test
    void everyRoleFilterAndPagingGivesTheRowsOfTheSingleScanInOrder() {
        List<CurrentUser> callers = List.of(manager, user(AppRole.MANAGER, null), techA, techB, outsider, admin,
                user(AppRole.ANALYST, null), user(AppRole.SERVICE, null));
        List<Filter> filters = List.of(new Filter(null, null, null), new Filter(techA.userId(), null, null),
                new Filter(manager.userId(), null, null), new Filter(null, "job", null),
                new Filter(null, "timesheet", sheet), new Filter(null, null, sheet));
        for (CurrentUser caller : callers) {
            for (Filter filter : filters) {
                String what = caller.role() + " (team " + caller.teamId() + ") " + filter;
                List<UUID> expected = reference(caller, filter);
                for (int limit : new int[] {1, 7, 100}) {
                    assertThat(byOffset(caller, filter, limit)).as(what + " by offset, limit " + limit)
                            .containsExactlyElementsOf(expected);
                    assertThat(byCursor(caller, filter, limit)).as(what + " by cursor, limit " + limit)
                            .containsExactlyElementsOf(expected);
                }
            }
        }
    }

    @Test
    void theManagersScopeHasEveryBranchAndCountsEntriesInTwoOnce() {
        List<UUID> all = byOffset(manager, new Filter(null, null, null), 100);
        // 12 x (team: 3, outside the team: own action 1, about them 1)
        assertThat(all).hasSize(12 * 5).doesNotHaveDuplicates();
        assertThat(byOffset(manager, new Filter(null, null, null), 7)).containsExactlyElementsOf(all);
        assertThat(byOffset(techA, new Filter(null, null, null), 7)).hasSize(12 * 2);
        assertThat(byOffset(admin, new Filter(null, null, null), 7)).hasSize(12 * 8);
    }

    @Test
    void anOffsetPastTheEndIsAnEmptyPage() {
        ActivityFeedReadRepository.Filter beyond =
                new ActivityFeedReadRepository.Filter(null, null, null, null, 20, 10_000);
        assertThat(feed.find(manager, beyond)).isEmpty();
        assertThat(feed.find(admin, beyond)).isEmpty();
    }

    private record Filter(UUID userId, String resourceType, UUID resourceId) {
    }

    private List<UUID> byOffset(CurrentUser caller, Filter filter, int limit) {
        List<UUID> ids = new ArrayList<>();
        for (int offset = 0; ; offset += limit) {
            List<ActivityLogEntry> page = feed.find(caller, new ActivityFeedReadRepository.Filter(filter.userId(),
                    filter.resourceType(), filter.resourceId(), null, limit, offset));
            page.forEach(entry -> ids.add(entry.id()));
            if (page.size() < limit) return ids;
        }
    }

    private List<UUID> byCursor(CurrentUser caller, Filter filter, int limit) {
        List<UUID> ids = new ArrayList<>();
        FeedCursor cursor = null;
        while (true) {
            // an offset next to a cursor is ignored
            List<ActivityLogEntry> page = feed.find(caller, new ActivityFeedReadRepository.Filter(filter.userId(),
                    filter.resourceType(), filter.resourceId(), cursor, limit, cursor == null ? 0 : 5));
            page.forEach(entry -> ids.add(entry.id()));
            if (page.size() < limit) return ids;
            cursor = FeedCursor.after(page.get(page.size() - 1));
        }
    }

    private List<UUID> reference(CurrentUser caller, Filter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", caller.orgId());
        params.put("everyone", caller.is(AppRole.ADMIN) || caller.is(AppRole.ANALYST));
        params.put("caller", caller.userId());
        params.put("manager", caller.is(AppRole.MANAGER) && caller.teamId() != null);
        params.put("team", caller.teamId());
        params.put("user", filter.userId());
        params.put("type", filter.resourceType());
        params.put("resource", filter.resourceId());
        return reads.as(caller, client -> client.sql(REFERENCE).params(params).query(UUID.class).list());
    }

    private CurrentUser user(AppRole role, UUID userTeam) {
        UUID id = UUID.randomUUID();
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("org_id", org.toString());
        app.put("role", role.claim());
        if (userTeam != null) app.put("team_id", userTeam.toString());
        Map<String, Object> claims = Map.of("sub", id.toString(), "role", "authenticated", "app_metadata", app);
        return new CurrentUser(id, org, role, userTeam, role.claim() + "@acme.test", role.claim(), claims);
    }
}
