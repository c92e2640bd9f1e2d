package com.fieldops.command.ingestion;

import com.fieldops.platform.problem.FieldMessage;
import com.fieldops.platform.problem.RuleViolation;
import java.util.List;

/**
 * A valid inbound event that an aggregate refused (it contradicts what FieldOps knows). Keeps the refusal's kind,
 * so HTTP answers its status (409 for a contradiction), and says which event of the command it was. The fields
 * of its errors are the fact's, named as in the CloudEvent: {@code data.job_id}.
 */
public class InboundRefused extends RuleViolation {

    private final int index;

    InboundRefused(int index, InboundEvent event, RuleViolation refusal) {
        this(index, refusal.kind(), event.type() + " " + event.id() + " from " + event.source() + " is refused: "
                + refusal.getMessage(), refusal.errors().stream()
                .map(error -> new FieldMessage("data." + error.field(), error.message())).toList());
    }

    private InboundRefused(int index, Kind kind, String detail, List<FieldMessage> errors) {
        super(kind, detail, errors);
        this.index = index;
    }

    /** The position of the refused event in the command's list. */
    public int index() {
        return index;
    }

    /** The same refusal, naming the event by its index in a request's array, e.g. {@code [2].data.job_id}. */
    public RuleViolation inArray() {
        String prefix = "[" + index + "]";
        return new InboundRefused(index, kind(), prefix + " " + getMessage(), errors().stream()
                .map(error -> new FieldMessage(prefix + "." + error.field(), error.message())).toList());
    }
}
