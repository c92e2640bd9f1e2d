package com.fieldops.platform.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Signs Supabase-shaped HS256 tokens: for the dev tokens printed in embedded mode, and for tests. */
public class TokenIssuer {

    private final NimbusJwtEncoder encoder;

    public TokenIssuer(JwtSecret secret) {
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(secret.key()));
    }

    public record Subject(UUID userId, UUID orgId, AppRole role, UUID teamId, String email, String fullName) {
    }

    public String issue(Subject subject, Duration validFor) {
        Instant now = Instant.now();
        return issue(subject, now, now.plus(validFor));
    }

    /** With explicit times, e.g. an already expired token for tests. */
    public String issue(Subject subject, Instant issuedAt, Instant expiresAt) {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("org_id", subject.orgId().toString());
        app.put("role", subject.role().claim());
        if (subject.teamId() != null) app.put("team_id", subject.teamId().toString());
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(subject.userId().toString())
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim("role", "authenticated")
                .claim("email", subject.email())
                .claim("app_metadata", app)
                .claim("user_metadata", Map.of("full_name", subject.fullName()))
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
