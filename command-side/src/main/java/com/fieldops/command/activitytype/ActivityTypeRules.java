package com.fieldops.command.activitytype;

import com.fieldops.platform.problem.FieldMessage;
import com.fieldops.platform.problem.RuleViolation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The field rules of an activity type, shared by the API, the bulk import and the aggregate. */
public final class ActivityTypeRules {

    public static final int NAME_MAX = 255;
    public static final int XERO_NAME_MAX = 50;
    public static final int DESCRIPTION_MAX = 1000;
    public static final int XERO_CODE_MAX = 30;
    public static final BigDecimal RATE_MAX = new BigDecimal("99999999.99");

    private ActivityTypeRules() {
    }

    /** The values of a type once trimmed and checked. */
    public record Fields(String name, BigDecimal hourlyRate, String description, String xeroCode) {
    }

    /** Trims and checks every field, reporting all problems at once; throws {@link RuleViolation} (400). */
    public static Fields check(String name, BigDecimal hourlyRate, String description, String xeroCode) {
        List<FieldMessage> errors = new ArrayList<>();
        String trimmedName = name == null ? null : name.trim();
        if (trimmedName == null || trimmedName.isEmpty()) {
            errors.add(new FieldMessage("name", "is required"));
        } else if (trimmedName.length() > NAME_MAX) {
            errors.add(new FieldMessage("name", "must be at most " + NAME_MAX + " characters"));
        }
        BigDecimal rate = null;
        if (hourlyRate == null) {
            errors.add(new FieldMessage("hourly_rate", "is required"));
        } else if (hourlyRate.signum() < 0) {
            errors.add(new FieldMessage("hourly_rate", "must be >= 0"));
        } else if (hourlyRate.compareTo(RATE_MAX) > 0) {
            errors.add(new FieldMessage("hourly_rate", "must be <= " + RATE_MAX.toPlainString()));
        } else if (hourlyRate.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldMessage("hourly_rate", "must have at most two decimals"));
        } else {
            rate = hourlyRate.setScale(2);
        }
        String trimmedDescription = blankToNull(description);
        if (trimmedDescription != null && trimmedDescription.length() > DESCRIPTION_MAX) {
            errors.add(new FieldMessage("description", "must be at most " + DESCRIPTION_MAX + " characters"));
        }
        String code = blankToNull(xeroCode);
        if (code != null && code.length() > XERO_CODE_MAX) {
            errors.add(new FieldMessage("xero_code", "must be at most " + XERO_CODE_MAX + " characters (Xero's limit)"));
        }
        if (code != null && trimmedName != null && trimmedName.length() > XERO_NAME_MAX
                && trimmedName.length() <= NAME_MAX) {
            errors.add(new FieldMessage("name",
                    "must be at most " + XERO_NAME_MAX + " characters when a xero_code is set (Xero's item name limit)"));
        }
        if (!errors.isEmpty()) throw RuleViolation.invalid(errors);
        return new Fields(trimmedName, rate, trimmedDescription, code);
    }

    /** Names are unique per organisation regardless of case and surrounding blanks. */
    public static String nameKey(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    static String blankToNull(String value) {
        if (value == null) return null;
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
