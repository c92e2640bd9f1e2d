package com.fieldops.command.timesheet;

/** draft → submitted → approved, or submitted → rejected → (edited) → submitted again. Approved is final. */
public enum TimesheetStatus {
    DRAFT, SUBMITTED, APPROVED, REJECTED;

    public String label() {
        return name().toLowerCase();
    }

    public static TimesheetStatus of(String label) {
        return valueOf(label.toUpperCase());
    }
}
