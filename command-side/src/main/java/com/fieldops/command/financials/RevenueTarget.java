package com.fieldops.command.financials;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fieldops.events.Change;
import com.fieldops.events.revenuetarget.RevenueTargetSet;
import com.fieldops.platform.problem.RuleViolation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An organisation's revenue target for one month: an amount of at least 0, at most 99,999,999.99, with at most two
 * decimals (never rounded). Setting the amount it already has records nothing.
 */
@Aggregate
public class RevenueTarget {

    static final BigDecimal AMOUNT_MAX = new BigDecimal("99999999.99");

    @AggregateIdentifier
    private UUID targetId;
    private YearMonth month;
    private BigDecimal amount;
    private Instant updatedAt;
    private long version = -1;

    protected RevenueTarget() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RevenueTargetResult handle(SetRevenueTarget command) {
        BigDecimal newAmount = checked(command.amount());
        if (amount == null || amount.compareTo(newAmount) != 0) {
            apply(new RevenueTargetSet(command.targetId(), command.orgId(), command.month(),
                    Change.of(amount, newAmount)));
        }
        return new RevenueTargetResult(new RevenueTargetResource(month.toString(), amount, updatedAt), version);
    }

    private static BigDecimal checked(BigDecimal value) {
        if (value == null) throw RuleViolation.invalid("amount", "is required");
        if (value.signum() < 0 || value.compareTo(AMOUNT_MAX) > 0) {
            throw RuleViolation.invalid("amount", "must be between 0 and " + AMOUNT_MAX.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw RuleViolation.invalid("amount", "must have at most two decimals");
        }
        return value.setScale(2);
    }

    @EventSourcingHandler
    void on(RevenueTargetSet event, @Timestamp Instant at) {
        targetId = event.targetId();
        month = event.month();
        amount = event.amount().newValue();
        updatedAt = at.truncatedTo(ChronoUnit.MILLIS);
        version++;
    }
}
