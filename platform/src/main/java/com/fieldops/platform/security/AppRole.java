package com.fieldops.platform.security;

import java.util.Arrays;
import java.util.Optional;

/** The application role of DESIGN §4, read from {@code app_metadata.role}. */
public enum AppRole {
    ADMIN, MANAGER, TECHNICIAN, ANALYST, SERVICE;

    public String claim() {
        return name().toLowerCase();
    }

    public static Optional<AppRole> fromClaim(String claim) {
        return Arrays.stream(values()).filter(role -> role.claim().equals(claim)).findFirst();
    }
}
