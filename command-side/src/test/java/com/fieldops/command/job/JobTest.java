package com.fieldops.command.job;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import com.fieldops.command.job.JobCommands.RecordJobAssigned;
import com.fieldops.command.job.JobCommands.RecordJobCreated;
import com.fieldops.command.job.JobCommands.RecordJobStatusChanged;
import com.fieldops.events.job.JobAssigned;
import com.fieldops.events.job.JobCreated;
import com.fieldops.events.job.JobStatusChanged;
import com.fieldops.platform.problem.RuleViolation;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jobs as the jobs service reports them: created once, assigned and moved through statuses only when known. */
class JobTest {

    private final UUID org = UUID.randomUUID();
    private final UUID otherOrg = UUID.randomUUID();
    private final UUID job = UUID.randomUUID();
    private final UUID tech = UUID.randomUUID();
    private final UUID team = UUID.randomUUID();
    private final Instant scheduled = Instant.parse("2026-01-23T08:00:00Z");
    private AggregateTestFixture<Job> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Job.class);
    }

    private JobCreated created(UUID orgId, String title) {
        return new JobCreated(job, orgId, title, "Acme Ltd", tech, "Jane Smith", team, scheduled);
    }

    @Test
    void aJobIsCreatedFromItsFact() {
        fixture.givenNoPriorActivity()
                .when(new RecordJobCreated(created(org, "Rewire kitchen")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(org, "Rewire kitchen"));
    }

    @Test
    void theSameCreatedFactAgainChangesNothingAndADifferentOneContradictsIt() {
        fixture.given(created(org, "Rewire kitchen"))
                .when(new RecordJobCreated(created(org, "Rewire kitchen")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created(org, "Rewire kitchen"))
                .when(new RecordJobCreated(created(org, "Paint hallway")))
                .expectException(kind(RuleViolation.Kind.CONFLICT))
                .expectNoEvents();
        fixture.given(created(org, "Rewire kitchen"))
                .when(new RecordJobCreated(created(otherOrg, "Rewire kitchen")))
                .expectException(kind(RuleViolation.Kind.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anAssignmentNeedsAKnownJobOfTheSameOrganisation() {
        UUID newTech = UUID.randomUUID();
        JobAssigned assigned = new JobAssigned(job, org, newTech, "Joe Bloggs", team);
        fixture.given(created(org, "Rewire kitchen"))
                .when(new RecordJobAssigned(assigned))
                .expectEvents(assigned);
        fixture.givenNoPriorActivity()
                .when(new RecordJobAssigned(assigned))
                .expectException(kind(RuleViolation.Kind.CONFLICT))
                .expectExceptionMessage(containsString("not known"))
                .expectNoEvents();
        fixture.given(created(otherOrg, "Rewire kitchen"))
                .when(new RecordJobAssigned(assigned))
                .expectException(kind(RuleViolation.Kind.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void statusChangesNeedAKnownJobAndFollowTheJobsService() {
        Instant now = Instant.parse("2026-01-23T15:00:00Z");
        JobStatusChanged started = new JobStatusChanged(job, org, "in_progress", now);
        JobStatusChanged completed = new JobStatusChanged(job, org, "completed", now.plusSeconds(3600));
        fixture.given(created(org, "Rewire kitchen"))
                .when(new RecordJobStatusChanged(started))
                .expectEvents(started);
        fixture.given(created(org, "Rewire kitchen"), started)
                .when(new RecordJobStatusChanged(completed))
                .expectEvents(completed);
        fixture.givenNoPriorActivity()
                .when(new RecordJobStatusChanged(completed))
                .expectException(kind(RuleViolation.Kind.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aCommandTargetsTheJobOfItsFact() {
        assertThatThrownBy(
                () -> new RecordJobAssigned(UUID.randomUUID(), new JobAssigned(job, org, tech, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
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
