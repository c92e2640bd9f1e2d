package com.fieldops.command.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fieldops.command.project.ProjectCommands.RecordProjectCreated;
import com.fieldops.command.project.ProjectCommands.RecordProjectUpdated;
import com.fieldops.events.project.ProjectCreated;
import com.fieldops.events.project.ProjectUpdated;
import com.fieldops.platform.problem.RuleViolation;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Projects as the projects service reports them: created once, updated only when known. */
class ProjectTest {

    private final UUID org = UUID.randomUUID();
    private final UUID project = UUID.randomUUID();
    private AggregateTestFixture<Project> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Project.class);
    }

    private ProjectCreated created(String name) {
        return new ProjectCreated(project, org, name, "Acme Ltd", null);
    }

    private static JsonNode changes(String field, String oldValue, String newValue) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return json.objectNode().set(field, json.objectNode().put("old", oldValue).put("new", newValue));
    }

    @Test
    void aProjectIsCreatedOnceAndAnIdenticalRepeatChangesNothing() {
        fixture.givenNoPriorActivity()
                .when(new RecordProjectCreated(created("Office fit-out")))
                .expectEvents(created("Office fit-out"));
        fixture.given(created("Office fit-out"))
                .when(new RecordProjectCreated(created("Office fit-out")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created("Office fit-out"))
                .when(new RecordProjectCreated(created("Warehouse")))
                .expectException(kind(RuleViolation.Kind.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anUpdateNeedsAKnownProjectOfTheSameOrganisation() {
        ProjectUpdated renamed = new ProjectUpdated(project, org, "Office fit-out, phase 2", "Acme Ltd",
                changes("name", "Office fit-out", "Office fit-out, phase 2"));
        fixture.given(created("Office fit-out"))
                .when(new RecordProjectUpdated(renamed))
                .expectEvents(renamed);
        fixture.givenNoPriorActivity()
                .when(new RecordProjectUpdated(renamed))
                .expectException(kind(RuleViolation.Kind.CONFLICT))
                .expectNoEvents();
        fixture.given(new ProjectCreated(project, UUID.randomUUID(), "Office fit-out", null, null))
                .when(new RecordProjectUpdated(renamed))
                .expectException(kind(RuleViolation.Kind.CONFLICT))
                .expectNoEvents();
    }

    static Matcher<Object> kind(RuleViolation.Kind kind) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof RuleViolation violation && violation.kind() == kind;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("RuleViolation " + kind);
            }
        };
    }
}
