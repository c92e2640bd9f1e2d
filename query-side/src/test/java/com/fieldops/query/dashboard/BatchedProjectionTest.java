package com.fieldops.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fieldops.events.CloudEventCodec;
import com.fieldops.events.Topics;
import com.fieldops.events.job.JobAssigned;
import com.fieldops.events.job.JobCreated;
import com.fieldops.events.job.JobStatusChanged;
import com.fieldops.query.QuerySideTest;
import com.fieldops.query.projection.ProjectionConsumer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * The projections write counters and activity_log rows once per transaction (a Kafka poll): a poll holding
 * redelivered events and a poison message must still leave every read model exactly as applying the events one by
 * one would. The batches are handed to the listener method directly, so their composition is exact.
 */
@QuerySideTest
class BatchedProjectionTest {

    private static final String SOURCE = "/fieldops/command-side";

    @Autowired ProjectionConsumer consumer;
    @Autowired JdbcClient jdbc;

    private final UUID org = UUID.randomUUID();
    private final UUID team = UUID.randomUUID();
    private final UUID jane = UUID.randomUUID();
    private final UUID john = UUID.randomUUID();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private long offset;

    @Test
    void aBatchWithRedeliveriesAndAPoisonMessageLeavesTheReadModelsExact() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        ConsumerRecord<String, byte[]> createdA = record(a, created(a, jane), 0);
        ConsumerRecord<String, byte[]> createdB = record(b, created(b, jane), 0);
        ConsumerRecord<String, byte[]> completedB = record(b, new JobStatusChanged(b, org, "completed", now), 1);
        ConsumerRecord<String, byte[]> assignedA = record(a, new JobAssigned(a, org, john, "John", team), 1);
        ConsumerRecord<String, byte[]> createdC = record(c, created(c, john), 0);
        ConsumerRecord<String, byte[]> poison = new ConsumerRecord<>(Topics.EVENTS, 0, offset++, "poison",
                "this is { not JSON".getBytes(StandardCharsets.UTF_8));

        // the poison is reported by its index; what came before it is applied and committed, nothing after it
        List<ConsumerRecord<String, byte[]>> first = List.of(createdA, createdB, createdA, completedB, poison,
                assignedA);
        assertThatThrownBy(() -> consumer.onEvents(first)).isInstanceOf(BatchListenerFailedException.class)
                .extracting(e -> ((BatchListenerFailedException) e).getIndex()).isEqualTo(4);
        assertThat(job(a)).containsEntry("assignee_id", jane).containsEntry("version", 0L);
        assertThat(job(b)).containsEntry("status", "completed").containsEntry("version", 1L);

        // the container then delivers the rest again, after a redelivery of all of the first batch
        List<ConsumerRecord<String, byte[]>> second = new ArrayList<>(first.subList(0, 4));
        second.addAll(List.of(assignedA, createdC, createdB, assignedA));
        consumer.onEvents(second);

        assertThat(job(a)).containsEntry("assignee_id", john).containsEntry("version", 1L);
        assertThat(job(c)).containsEntry("assignee_id", john);
        assertThat(jdbc.sql("select count(*) from activity_log where org_id = ?").param(org).query(Long.class)
                .single()).as("one row per event, whatever the redeliveries").isEqualTo(5);

        // a and c are John's, b is completed (still counted) and Jane's
        Map<String, Long> running = totals();
        assertThat(running).containsExactlyInAnyOrderEntriesOf(Map.of(
                "org " + org, 3L, "team " + team, 3L, "user " + jane, 1L, "user " + john, 2L));
        assertThat(completions()).as("org, team and Jane: one completion each").isEqualTo(3L);

        // the running deltas are what the jobs read model implies (these events are not in the event store, so a
        // refresh, which rebuilds from the store, is not the yardstick here)
        assertThat(running).isEqualTo(totalsFromJobs());
    }

    private Map<String, Long> totalsFromJobs() {
        return jdbc.sql("""
                        select scope || ' ' || scope_id as key, count(*) from (
                            select 'org' as scope, org_id as scope_id from jobs where org_id = ? and status <> 'cancelled'
                            union all select 'team', assignee_team_id from jobs
                            where org_id = ? and status <> 'cancelled' and assignee_team_id is not null
                            union all select 'user', assignee_id from jobs where org_id = ? and status <> 'cancelled'
                        ) counted group by 1""")
                .params(org, org, org)
                .query((row, n) -> Map.entry(row.getString(1), row.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private JobCreated created(UUID job, UUID assignee) {
        return new JobCreated(job, org, "Job " + job, "Client", assignee, assignee.equals(jane) ? "Jane" : "John",
                team, now.plus(1, ChronoUnit.DAYS));
    }

    private ConsumerRecord<String, byte[]> record(UUID aggregate, Object event, long sequence) {
        byte[] value = CloudEventCodec.toBytes(CloudEventCodec.encode(event, new CloudEventCodec.Envelope(
                UUID.randomUUID(), SOURCE, aggregate.toString(), now, org, null, "jobs service", sequence, null)));
        return new ConsumerRecord<>(Topics.EVENTS, 0, offset++, aggregate.toString(), value);
    }

    private Map<String, Object> job(UUID id) {
        return jdbc.sql("select assignee_id, status, version from jobs where id = ?").param(id).query()
                .singleRow();
    }

    /** total_jobs by "scope scope_id"; pending approvals stay 0 (no timesheets here). */
    private Map<String, Long> totals() {
        assertThat(jdbc.sql("select coalesce(sum(pending_approvals), 0) from dashboard_totals where org_id = ?")
                .param(org).query(Long.class).single()).isZero();
        return jdbc.sql("select scope, scope_id, total_jobs from dashboard_totals where org_id = ? and total_jobs <> 0")
                .param(org).query((row, n) -> Map.entry(row.getString(1) + " " + row.getObject(2),
                        row.getLong(3))).list().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        Map.Entry::getValue));
    }

    private long completions() {
        return jdbc.sql("select coalesce(sum(completed), 0) from dashboard_completions where org_id = ?").param(org)
                .query(Long.class).single();
    }
}
