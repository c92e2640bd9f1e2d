package com.fieldops.command.ingestion;

import com.fieldops.command.job.JobCommands.RecordJobAssigned;
import com.fieldops.command.job.JobCommands.RecordJobCreated;
import com.fieldops.command.job.JobCommands.RecordJobStatusChanged;
import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.command.project.ProjectCommands.RecordProjectCreated;
import com.fieldops.command.project.ProjectCommands.RecordProjectUpdated;
import com.fieldops.command.storage.NewAggregates;
import com.fieldops.command.timesheet.TimesheetCommands.RecordTimesheetFact;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.job.JobAssigned;
import com.fieldops.events.job.JobCreated;
import com.fieldops.events.job.JobStatusChanged;
import com.fieldops.events.project.ProjectCreated;
import com.fieldops.events.project.ProjectUpdated;
import com.fieldops.events.timesheet.TimesheetApproved;
import com.fieldops.events.timesheet.TimesheetRejected;
import com.fieldops.events.timesheet.TimesheetSnapshot;
import com.fieldops.events.timesheet.TimesheetSubmitted;
import com.fieldops.platform.problem.RuleViolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns valid inbound events into events of their aggregates, exactly once per (source, id).
 * <p>
 * Everything runs in the unit of work of {@link IngestInboundEvents}, i.e. in one database transaction: the events
 * are first recorded in {@code inbound_received} ({@code insert … on conflict do nothing}; a key that is already
 * there is a duplicate and is skipped), then each new one is sent to its aggregate as a nested command, whose events
 * are appended in the same transaction. One query tells which of those aggregates do not exist yet, so creating
 * them loads nothing ({@link NewAggregates}). A refusal rolls everything back, the received rows included, so a crash or a
 * refusal never leaves an event half-applied, and a re-sent event changes nothing.
 * <p>
 * Each nested command carries its own metadata, which its events inherit: orgId (the CloudEvent's orgid), actorName
 * (its source), actorId (the service's user when it came over HTTP), plus inboundSource and inboundId for tracing.
 */
@Component
public class InboundIngestion {

    public static final String INBOUND_SOURCE = "inboundSource";
    public static final String INBOUND_ID = "inboundId";

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final NewAggregates newAggregates;
    /** The aggregate a command goes to, found as Axon's command bus will find it. */
    private final CommandTargetResolver targets;

    public InboundIngestion(JdbcClient jdbc, CommandGateway commands, NewAggregates newAggregates,
                            CommandTargetResolver targets) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.newAggregates = newAggregates;
        this.targets = targets;
    }

    @CommandHandler
    public List<IngestResult> handle(IngestInboundEvents command) {
        List<InboundEvent> events = command.events();
        Set<InboundEvent.Key> fresh = claim(events);
        Set<InboundEvent.Key> applied = new HashSet<>();
        // null for a duplicate: a key received before, or twice in this command (the first one counts)
        List<CommandMessage<Object>> commandsToSend = new ArrayList<>(events.size());
        for (InboundEvent event : events) {
            boolean isNew = fresh.contains(event.key()) && applied.add(event.key());
            commandsToSend.add(isNew ? commandFor(event, command.actorId()) : null);
        }
        newAggregates.markAbsent(commandsToSend.stream().filter(Objects::nonNull)
                .map(message -> targets.resolveTarget(message).getIdentifier()).distinct().toList());
        List<IngestResult> results = new ArrayList<>(events.size());
        for (int index = 0; index < events.size(); index++) {
            InboundEvent event = events.get(index);
            if (commandsToSend.get(index) == null) {
                results.add(new IngestResult(event.id(), IngestResult.DUPLICATE));
                continue;
            }
            try {
                commands.sendAndWait(commandsToSend.get(index));
            } catch (RuleViolation refusal) {
                throw new InboundRefused(index, event, refusal);
            }
            results.add(new IngestResult(event.id(), IngestResult.ACCEPTED));
        }
        return results;
    }

    /**
     * Records the events as received and answers the keys that were new. One statement for the lot; keys are
     * inserted in sorted order, so two transactions claiming overlapping keys lock them in the same order (no
     * deadlock), and the second waits for the first and then finds them taken.
     */
    private Set<InboundEvent.Key> claim(List<InboundEvent> events) {
        if (events.isEmpty()) return Set.of();
        TreeMap<InboundEvent.Key, InboundEvent> firsts = new TreeMap<>();
        events.forEach(event -> firsts.putIfAbsent(event.key(), event));
        int size = firsts.size();
        String[] sources = new String[size];
        String[] ids = new String[size];
        String[] types = new String[size];
        String[] orgs = new String[size];
        int i = 0;
        for (InboundEvent event : firsts.values()) {
            sources[i] = event.source();
            ids[i] = event.id();
            types[i] = event.type();
            orgs[i] = event.orgId().toString();
            i++;
        }
        return new HashSet<>(jdbc.sql("""
                        insert into inbound_received (source, event_id, type, org_id, received_at)
                        select source, event_id, type, org_id, now()
                          from unnest(?::text[], ?::text[], ?::text[], ?::uuid[])
                               with ordinality as claimed(source, event_id, type, org_id, position)
                         order by position
                        on conflict (source, event_id) do nothing
                        returning source, event_id""")
                .params(sources, ids, types, orgs)
                .query((row, n) -> new InboundEvent.Key(row.getString(1), row.getString(2)))
                .list());
    }

    /** The command of the fact's aggregate, with the metadata its events inherit. */
    static CommandMessage<Object> commandFor(InboundEvent event, UUID actorId) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(ActorMetaData.ORG_ID, event.orgId().toString());
        metaData.put(ActorMetaData.ACTOR_NAME, event.source());
        if (actorId != null) metaData.put(ActorMetaData.ACTOR_ID, actorId.toString());
        metaData.put(INBOUND_SOURCE, event.source());
        metaData.put(INBOUND_ID, event.id());
        return GenericCommandMessage.asCommandMessage(payloadFor(event.fact())).andMetaData(metaData);
    }

    static Object payloadFor(FieldOpsEvent fact) {
        if (fact instanceof JobCreated created) return new RecordJobCreated(created);
        if (fact instanceof JobAssigned assigned) return new RecordJobAssigned(assigned);
        if (fact instanceof JobStatusChanged changed) return new RecordJobStatusChanged(changed);
        if (fact instanceof ProjectCreated created) return new RecordProjectCreated(created);
        if (fact instanceof ProjectUpdated updated) return new RecordProjectUpdated(updated);
        if (fact instanceof TimesheetSubmitted submitted) return timesheetFact(submitted.timesheet());
        if (fact instanceof TimesheetApproved approved) return timesheetFact(approved.timesheet());
        if (fact instanceof TimesheetRejected rejected) return timesheetFact(rejected.timesheet());
        throw new IllegalArgumentException("no aggregate takes " + fact.getClass().getSimpleName() + " from outside");
    }

    private static RecordTimesheetFact timesheetFact(TimesheetSnapshot snapshot) {
        return new RecordTimesheetFact(snapshot.id(), snapshot);
    }
}
