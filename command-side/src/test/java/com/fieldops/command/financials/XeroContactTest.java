package com.fieldops.command.financials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.events.xero.XeroContactRecorded;
import com.fieldops.platform.problem.RuleViolation;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Xero contact is recorded when it changed (a rename above all), never older over newer, and a re-run adds nothing. */
class XeroContactTest {

    private static final UUID ORG = UUID.randomUUID();
    /** The contact of Xero's example invoices. */
    private static final UUID CONTACT = UUID.fromString("a3675fc4-f8dd-4f03-ba5b-f1870566bcd7");
    private static final Instant UPDATED = Instant.parse("2019-03-04T09:21:10.043Z");
    private static final UUID SYNC = UUID.randomUUID();
    private static final UUID ANOTHER_SYNC = UUID.randomUUID();

    private AggregateTestFixture<XeroContact> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(XeroContact.class);
    }

    private static RecordXeroContact contact(String name, Instant updated, UUID sync) {
        return new RecordXeroContact(ORG, CONTACT, name, "ACTIVE", updated, sync);
    }

    private static XeroContactRecorded recorded(RecordXeroContact command) {
        return new XeroContactRecorded(ORG, CONTACT, command.name(), command.status(), command.xeroUpdatedAt(),
                command.syncId());
    }

    private static UUID id() {
        return RecordXeroContact.idOf(ORG, CONTACT);
    }

    @Test
    void theIdIsTheSameForTheSameOrganisationAndContactOnlyAndNotAnInvoicesId() {
        assertThat(RecordXeroContact.idOf(ORG, CONTACT)).isEqualTo(RecordXeroContact.idOf(ORG, CONTACT))
                .isNotEqualTo(RecordXeroContact.idOf(UUID.randomUUID(), CONTACT))
                .isNotEqualTo(RecordXeroContact.idOf(ORG, UUID.randomUUID()))
                .isNotEqualTo(RecordXeroInvoice.idOf(ORG, CONTACT));
    }

    @Test
    void aNewContactIsRecordedWithItsOrganisationInTheMetadata() {
        RecordXeroContact command = contact("Barney Rubble-83203", UPDATED, SYNC);
        fixture.givenNoPriorActivity()
                .when(command)
                .expectEvents(recorded(command))
                .expectResultMessagePayload(new RecordedXeroContact(id(), XeroRecordOutcome.CREATED, 0));
        // a saga has no user: the event is found by its organisation in the event store all the same
        fixture.givenNoPriorActivity()
                .when(command)
                .expectEventsMatching(Matchers.<EventMessage<?>>exactSequenceOf(
                        Matchers.matches(event -> ORG.toString().equals(event.getMetaData().get(ActorMetaData.ORG_ID))),
                        Matchers.andNoMore()));
    }

    @Test
    void theSameContactAgainRecordsNothingWhicheverSyncBringsIt() {
        fixture.given(recorded(contact("Barney Rubble-83203", UPDATED, SYNC)))
                .when(contact("Barney Rubble-83203", UPDATED, ANOTHER_SYNC))
                .expectNoEvents()
                .expectResultMessagePayload(new RecordedXeroContact(id(), XeroRecordOutcome.UNCHANGED, 0));
    }

    @Test
    void aRenameIsRecordedEvenWhenXeroDidNotMoveItsUpdateTime() {
        RecordXeroContact renamed = contact("Barney Rubble & Sons", UPDATED.plusSeconds(60), ANOTHER_SYNC);
        fixture.given(recorded(contact("Barney Rubble-83203", UPDATED, SYNC)))
                .when(renamed)
                .expectEvents(recorded(renamed))
                .expectResultMessagePayload(new RecordedXeroContact(id(), XeroRecordOutcome.UPDATED, 1));
        RecordXeroContact renamedSameTime = contact("Barney Rubble & Sons", UPDATED, ANOTHER_SYNC);
        fixture.given(recorded(contact("Barney Rubble-83203", UPDATED, SYNC)))
                .when(renamedSameTime)
                .expectEvents(recorded(renamedSameTime));
        RecordXeroContact archived = new RecordXeroContact(ORG, CONTACT, "Barney Rubble-83203", "ARCHIVED",
                UPDATED.plusSeconds(60), SYNC);
        fixture.given(recorded(contact("Barney Rubble-83203", UPDATED, SYNC)))
                .when(archived)
                .expectEvents(recorded(archived));
    }

    @Test
    void anOlderStateNeverOverwritesANewerOne() {
        fixture.given(recorded(contact("Barney Rubble-83203", UPDATED, SYNC)),
                        recorded(contact("Barney Rubble & Sons", UPDATED.plusSeconds(60), SYNC)))
                .when(contact("Barney Rubble-83203", UPDATED.plusSeconds(30), ANOTHER_SYNC))
                .expectNoEvents()
                .expectResultMessagePayload(new RecordedXeroContact(id(), XeroRecordOutcome.STALE, 1));
    }

    @Test
    void badFieldsAreRefusedAndRecordNothing() {
        RecordXeroContact good = contact("Barney Rubble-83203", UPDATED, SYNC);
        for (RecordXeroContact bad : new RecordXeroContact[] {
                contact(null, UPDATED, SYNC),
                contact(" ", UPDATED, SYNC),
                contact("x".repeat(256), UPDATED, SYNC),
                new RecordXeroContact(ORG, CONTACT, "A", "DELETED", UPDATED, SYNC),
                contact("A", null, SYNC)}) {
            fixture.givenNoPriorActivity().when(bad).expectException(RuleViolation.class).expectNoEvents();
            fixture.given(recorded(good)).when(bad).expectException(RuleViolation.class).expectNoEvents();
        }
    }

    @Test
    void allOfItsProblemsAreReportedAtOnce() {
        fixture.givenNoPriorActivity()
                .when(new RecordXeroContact(ORG, CONTACT, null, "OPEN", null, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("3 fields are invalid");
    }

    @Test
    void aContactWithoutStatusOrSyncIsRecorded() {
        RecordXeroContact bare = new RecordXeroContact(ORG, CONTACT, "Barney Rubble-83203", null, UPDATED, null);
        fixture.givenNoPriorActivity().when(bare).expectEvents(recorded(bare));
    }
}
