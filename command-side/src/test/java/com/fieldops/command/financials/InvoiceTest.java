package com.fieldops.command.financials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.events.invoice.InvoiceRecorded;
import com.fieldops.platform.problem.RuleViolation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Xero invoice is recorded when it changed, never older over newer, and a repeated sync adds nothing. */
class InvoiceTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID XERO_ID = UUID.fromString("7ef31b20-de17-4312-8382-412f869b1510");
    private static final Instant UPDATED = Instant.parse("2018-11-02T16:37:28.927Z");
    private static final UUID SYNC = UUID.randomUUID();
    private static final UUID ANOTHER_SYNC = UUID.randomUUID();

    private AggregateTestFixture<Invoice> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Invoice.class);
    }

    /** INV-0003 of Xero's example: AUTHORISED, 115.00 due. */
    private static RecordXeroInvoice authorised(Instant updated, UUID sync) {
        return new RecordXeroInvoice(ORG, XERO_ID, "INV-0003", UUID.fromString("a3675fc4-f8dd-4f03-ba5b-f1870566bcd7"),
                "Barney Rubble-83203", "ACCREC", "AUTHORISED", LocalDate.parse("2018-11-02"),
                LocalDate.parse("2018-11-07"), new BigDecimal("115"), new BigDecimal("115.0"), BigDecimal.ZERO, "NZD",
                updated, sync);
    }

    private static RecordXeroInvoice paid(Instant updated, UUID sync) {
        RecordXeroInvoice invoice = authorised(updated, sync);
        return new RecordXeroInvoice(ORG, XERO_ID, invoice.invoiceNumber(), invoice.contactId(), invoice.contactName(),
                "ACCREC", "PAID", invoice.date(), invoice.dueDate(), invoice.total(), BigDecimal.ZERO,
                new BigDecimal("115.00"), "NZD", updated, sync);
    }

    /** The event the command records: money at two decimals. */
    private static InvoiceRecorded recorded(RecordXeroInvoice command) {
        return new InvoiceRecorded(command.invoiceId(), ORG, XERO_ID, command.invoiceNumber(), command.contactId(),
                command.contactName(), command.type(), command.status(), command.date(), command.dueDate(),
                command.total().setScale(2), command.amountDue().setScale(2), command.amountPaid().setScale(2),
                command.currency(), command.xeroUpdatedAt(), command.syncId());
    }

    @Test
    void theIdIsTheSameForTheSameOrganisationAndXeroInvoiceOnly() {
        assertThat(RecordXeroInvoice.idOf(ORG, XERO_ID)).isEqualTo(RecordXeroInvoice.idOf(ORG, XERO_ID))
                .isNotEqualTo(RecordXeroInvoice.idOf(UUID.randomUUID(), XERO_ID))
                .isNotEqualTo(RecordXeroInvoice.idOf(ORG, UUID.randomUUID()));
    }

    @Test
    void aNewInvoiceIsRecordedWithItsOrganisationInTheMetadata() {
        RecordXeroInvoice command = authorised(UPDATED, SYNC);
        fixture.givenNoPriorActivity()
                .when(command)
                .expectEvents(recorded(command))
                .expectResultMessagePayload(new RecordedInvoice(command.invoiceId(), XeroRecordOutcome.CREATED, 0));
        // whoever dispatches it (a saga has no user), the event is found by its organisation in the event store
        fixture.givenNoPriorActivity()
                .when(command)
                .expectEventsMatching(Matchers.<EventMessage<?>>exactSequenceOf(
                        Matchers.matches(event -> ORG.toString().equals(event.getMetaData().get(ActorMetaData.ORG_ID))),
                        Matchers.andNoMore()));
    }

    @Test
    void theSameInvoiceAgainRecordsNothingWhicheverSyncBringsIt() {
        fixture.given(recorded(authorised(UPDATED, SYNC)))
                .when(authorised(UPDATED, ANOTHER_SYNC))
                .expectNoEvents()
                .expectResultMessagePayload(new RecordedInvoice(RecordXeroInvoice.idOf(ORG, XERO_ID),
                        XeroRecordOutcome.UNCHANGED, 0));
    }

    @Test
    void aChangeIsRecordedWholeEvenWhenXeroDidNotMoveItsUpdateTime() {
        RecordXeroInvoice paidLater = paid(UPDATED.plusSeconds(60), ANOTHER_SYNC);
        fixture.given(recorded(authorised(UPDATED, SYNC)))
                .when(paidLater)
                .expectEvents(recorded(paidLater))
                .expectResultMessagePayload(new RecordedInvoice(paidLater.invoiceId(), XeroRecordOutcome.UPDATED, 1));
        RecordXeroInvoice paidSameTime = paid(UPDATED, ANOTHER_SYNC);
        fixture.given(recorded(authorised(UPDATED, SYNC)))
                .when(paidSameTime)
                .expectEvents(recorded(paidSameTime));
    }

    @Test
    void anOlderStateNeverOverwritesANewerOne() {
        fixture.given(recorded(authorised(UPDATED, SYNC)), recorded(paid(UPDATED.plusSeconds(60), SYNC)))
                .when(authorised(UPDATED.plusSeconds(30), ANOTHER_SYNC))
                .expectNoEvents()
                .expectResultMessagePayload(new RecordedInvoice(RecordXeroInvoice.idOf(ORG, XERO_ID),
                        XeroRecordOutcome.STALE, 1));
    }

    @Test
    void onlyANewerUpdateTimeAloneIsAChange() {
        // another sync read it later, nothing we keep changed but the time: recorded, so that a late delivery of a
        // state between the two times cannot pass for newer
        RecordXeroInvoice touched = authorised(UPDATED.plusSeconds(90), SYNC);
        fixture.given(recorded(authorised(UPDATED, SYNC)))
                .when(touched)
                .expectEvents(recorded(touched));
    }

    @Test
    void badFieldsAreRefusedAndRecordNothing() {
        RecordXeroInvoice good = authorised(UPDATED, SYNC);
        for (RecordXeroInvoice bad : new RecordXeroInvoice[] {
                new RecordXeroInvoice(ORG, XERO_ID, "INV-1", null, "A", "ACCXXX", "AUTHORISED", null, null,
                        BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, "NZD", UPDATED, SYNC),
                new RecordXeroInvoice(ORG, XERO_ID, "INV-1", null, "A", "ACCREC", "OPEN", null, null,
                        BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, "NZD", UPDATED, SYNC),
                new RecordXeroInvoice(ORG, XERO_ID, "INV-1", null, "A", "ACCREC", "PAID", null, null,
                        new BigDecimal("1.005"), BigDecimal.ZERO, BigDecimal.ONE, "NZD", UPDATED, SYNC),
                new RecordXeroInvoice(ORG, XERO_ID, "INV-1", null, "A", "ACCREC", "PAID", null, null,
                        BigDecimal.ONE, new BigDecimal("-1"), BigDecimal.ONE, "NZD", UPDATED, SYNC),
                new RecordXeroInvoice(ORG, XERO_ID, "INV-1", null, "A", "ACCREC", "PAID", null, null,
                        BigDecimal.ONE, BigDecimal.ZERO, null, "NZD", UPDATED, SYNC),
                new RecordXeroInvoice(ORG, XERO_ID, "INV-1", null, "A", "ACCREC", "PAID", null, null,
                        BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE, "nzd", UPDATED, SYNC),
                new RecordXeroInvoice(ORG, XERO_ID, "INV-1", null, "A", "ACCREC", "PAID", null, null,
                        BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE, "NZD", null, SYNC),
                new RecordXeroInvoice(ORG, XERO_ID, "x".repeat(256), null, "A", "ACCREC", "PAID", null, null,
                        BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE, "NZD", UPDATED, SYNC)}) {
            fixture.givenNoPriorActivity().when(bad).expectException(RuleViolation.class).expectNoEvents();
            fixture.given(recorded(good)).when(bad).expectException(RuleViolation.class).expectNoEvents();
        }
    }

    @Test
    void allOfItsProblemsAreReportedAtOnce() {
        fixture.givenNoPriorActivity()
                .when(new RecordXeroInvoice(ORG, XERO_ID, null, null, null, null, null, null, null, null, null, null,
                        null, null, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("7 fields are invalid");
    }

    @Test
    void anInvoiceWithoutNumberDatesContactOrSyncIsRecorded() {
        RecordXeroInvoice draft = new RecordXeroInvoice(ORG, XERO_ID, null, null, null, "ACCREC", "DRAFT", null, null,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, "NZD", UPDATED, null);
        fixture.givenNoPriorActivity().when(draft).expectEvents(recorded(draft));
    }
}
