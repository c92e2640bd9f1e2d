package com.fieldops.xero;

import java.util.List;
import java.util.UUID;

/**
 * The answer to one draft of a batch: Xero's ItemID when it was saved, and the messages of its ValidationErrors when
 * it was not (Xero answers 200 and reports them per item).
 */
public record XeroItemSaved(String code, UUID itemId, List<String> validationErrors) {

    public XeroItemSaved {
        validationErrors = List.copyOf(validationErrors);
    }

    public boolean saved() {
        return validationErrors.isEmpty();
    }
}
