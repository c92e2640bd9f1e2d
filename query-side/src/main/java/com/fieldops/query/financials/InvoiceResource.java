package com.fieldops.query.financials;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A sales invoice from Xero (DESIGN §5's Invoice), with the status FieldOps derives from it. */
@Schema(name = "Invoice")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InvoiceResource(
        UUID id,
        UUID xeroInvoiceId,
        @Schema(nullable = true, example = "INV-0003") String invoiceNumber,
        @Schema(nullable = true, example = "Barney Rubble") String contactName,
        @Schema(allowableValues = {"draft", "sent", "paid", "overdue"},
                description = "derived: draft (Xero DRAFT, SUBMITTED), sent (AUTHORISED), overdue (AUTHORISED, an "
                        + "amount due and a due date before today in the organisation's timezone), paid (PAID)")
        String status,
        @Schema(allowableValues = {"DRAFT", "SUBMITTED", "AUTHORISED", "PAID"}, description = "Xero's own status")
        String xeroStatus,
        @Schema(nullable = true) LocalDate date,
        @Schema(nullable = true) LocalDate dueDate,
        @Schema(example = "115.00") BigDecimal total,
        @Schema(example = "115.00") BigDecimal amountDue,
        @Schema(example = "0.00") BigDecimal amountPaid,
        @Schema(example = "NZD") String currency,
        @Schema(description = "when Xero last changed it (its UpdatedDateUTC)") Instant updatedAt) {
}
