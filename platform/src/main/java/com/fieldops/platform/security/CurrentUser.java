package com.fieldops.platform.security;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/** The caller, from a verified JWT: who they are, their organisation, role and team. */
public record CurrentUser(UUID userId, UUID orgId, AppRole role, UUID teamId, String email, String fullName,
                          Map<String, Object> claims) {

    public boolean is(AppRole candidate) {
        return role == candidate;
    }

    /** A display name for audit trails: the full name, else the email, else the id. */
    public String displayName() {
        if (fullName != null && !fullName.isBlank()) return fullName;
        return email != null ? email : userId.toString();
    }

    /** Reads the claims of DESIGN §4; throws {@link IllegalArgumentException} naming what is missing or malformed. */
    public static CurrentUser from(Jwt jwt) {
        Map<String, Object> app = mapClaim(jwt, "app_metadata");
        Map<String, Object> profile = mapClaim(jwt, "user_metadata");
        UUID userId = uuid(jwt.getSubject(), "sub");
        UUID orgId = uuid(app.get("org_id"), "app_metadata.org_id");
        AppRole role = AppRole.fromClaim(String.valueOf(app.get("role")))
                .orElseThrow(() -> new IllegalArgumentException("app_metadata.role is missing or unknown"));
        UUID teamId = app.get("team_id") == null ? null : uuid(app.get("team_id"), "app_metadata.team_id");
        String fullName = Optional.ofNullable(profile.get("full_name")).map(Object::toString).orElse(null);
        return new CurrentUser(userId, orgId, role, teamId, jwt.getClaimAsString("email"), fullName, jwt.getClaims());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapClaim(Jwt jwt, String name) {
        Object value = jwt.getClaims().get(name);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static UUID uuid(Object value, String claim) {
        if (value == null) throw new IllegalArgumentException(claim + " is missing");
        try {
            return UUID.fromString(value.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(claim + " is not a UUID");
        }
    }
}
