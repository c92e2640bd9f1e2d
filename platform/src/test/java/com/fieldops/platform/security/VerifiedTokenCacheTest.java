package com.fieldops.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class VerifiedTokenCacheTest {

    private final JwtSecret secret = new JwtSecret("a-test-secret-of-at-least-thirty-two-bytes!", false);
    private final TokenIssuer issuer = new TokenIssuer(secret);
    private final TokenIssuer.Subject technician = new TokenIssuer.Subject(UUID.randomUUID(), UUID.randomUUID(),
            AppRole.TECHNICIAN, null, "t@example.com", "Tess Technician");
    private final NimbusJwtDecoder nimbus =
            NimbusJwtDecoder.withSecretKey(secret.key()).macAlgorithm(MacAlgorithm.HS256).build();
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder countingVerifier = token -> {
        verifications.incrementAndGet();
        return nimbus.decode(token);
    };

    @Test
    void aTokenIsVerifiedOnceWhileValid() {
        VerifiedTokenCache cache = new VerifiedTokenCache(countingVerifier, Clock.systemUTC());
        String token = issuer.issue(technician, Duration.ofHours(1));

        Jwt first = cache.decode(token);
        Jwt second = cache.decode(token);

        assertThat(second).isSameAs(first);
        assertThat(second.getSubject()).isEqualTo(technician.userId().toString());
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aTamperedTokenIsVerifiedAndRefusedEvenAfterTheGenuineOneWasCached() {
        VerifiedTokenCache cache = new VerifiedTokenCache(countingVerifier, Clock.systemUTC());
        String token = issuer.issue(technician, Duration.ofHours(1));
        cache.decode(token);
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThatThrownBy(() -> cache.decode(tampered)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> cache.decode(tampered)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(3);
    }

    @Test
    void aCachedTokenIsVerifiedAgainOnceItsExpiryHasPassed() {
        Instant now = Instant.now();
        String token = issuer.issue(technician, now.minusSeconds(60), now.plusSeconds(30));
        AdjustableClock clock = new AdjustableClock(now);
        VerifiedTokenCache cache = new VerifiedTokenCache(countingVerifier, clock);
        cache.decode(token);
        cache.decode(token);
        assertThat(verifications).hasValue(1);

        clock.now = now.plusSeconds(31);
        cache.decode(token);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant now = Instant.now();
        String token = issuer.issue(technician, now.minusSeconds(3600), now.minusSeconds(600));
        VerifiedTokenCache cache = new VerifiedTokenCache(countingVerifier, Clock.systemUTC());

        assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(verifications).hasValue(2);
    }

    private static final class AdjustableClock extends Clock {
        private Instant now;

        AdjustableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
