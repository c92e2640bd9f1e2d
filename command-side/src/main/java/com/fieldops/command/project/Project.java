package com.fieldops.command.project;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fieldops.command.project.ProjectCommands.RecordProjectCreated;
import com.fieldops.command.project.ProjectCommands.RecordProjectUpdated;
import com.fieldops.events.project.ProjectCreated;
import com.fieldops.events.project.ProjectUpdated;
import com.fieldops.platform.problem.RuleViolation;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A project as the projects service reports it (it feeds the activity log). Created once (an identical repeat of
 * the created fact is accepted and changes nothing, a different one contradicts it); an update needs a project of
 * the same organisation.
 */
@Aggregate
public class Project {

    @AggregateIdentifier
    private UUID projectId;
    private UUID orgId;
    private ProjectCreated created;
    private String name;

    protected Project() {
        // for Axon; a project comes into being with its created fact (creation policy CREATE_IF_MISSING)
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordProjectCreated command) {
        ProjectCreated fact = command.fact();
        if (projectId == null) {
            apply(fact);
        } else if (!fact.equals(created)) {
            throw RuleViolation.conflict("project_id", "project " + command.projectId()
                    + " was already created with other data; this project.created contradicts it");
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordProjectUpdated command) {
        if (projectId == null || !orgId.equals(command.fact().orgId())) {
            throw RuleViolation.conflict("project_id", "project " + command.projectId()
                    + " is not known in this organisation: a project.updated needs its project.created first");
        }
        apply(command.fact());
    }

    @EventSourcingHandler
    void on(ProjectCreated event) {
        projectId = event.projectId();
        orgId = event.orgId();
        created = event;
        name = event.name();
    }

    @EventSourcingHandler
    void on(ProjectUpdated event) {
        name = event.name();
    }
}
