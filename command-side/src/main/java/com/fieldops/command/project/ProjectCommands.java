package com.fieldops.command.project;

import com.fieldops.events.project.ProjectCreated;
import com.fieldops.events.project.ProjectUpdated;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of the Project aggregate: facts the projects service reported, each carrying its event. */
public final class ProjectCommands {

    private ProjectCommands() {
    }

    public record RecordProjectCreated(@TargetAggregateIdentifier UUID projectId, ProjectCreated fact) {
        public RecordProjectCreated(ProjectCreated fact) {
            this(fact.projectId(), fact);
        }

        public RecordProjectCreated {
            requireSameProject(projectId, fact.projectId());
        }
    }

    public record RecordProjectUpdated(@TargetAggregateIdentifier UUID projectId, ProjectUpdated fact) {
        public RecordProjectUpdated(ProjectUpdated fact) {
            this(fact.projectId(), fact);
        }

        public RecordProjectUpdated {
            requireSameProject(projectId, fact.projectId());
        }
    }

    private static void requireSameProject(UUID target, UUID inFact) {
        Objects.requireNonNull(target, "project id");
        if (!target.equals(inFact)) {
            throw new IllegalArgumentException("the command's project is not the fact's project");
        }
    }
}
