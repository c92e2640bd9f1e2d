package com.fieldops.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fieldops.platform.problem.Problems;
import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.util.StringUtils;

/** DESIGN §4: bearer JWTs (HS256 secret or a JWKS), stateless, 401 and 403 as problem+json. */
@Configuration
@EnableMethodSecurity
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    JwtSecret jwtSecret(@Value("${fieldops.jwt.secret:}") String secret,
                        @Value("${fieldops.jwt.jwks-uri:}") String jwksUri,
                        @Value("${fieldops.embedded.active:false}") boolean embedded) {
        if (StringUtils.hasText(secret)) return new JwtSecret(secret, false);
        if (embedded) {
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            log.warn("FIELDOPS_JWT_SECRET is not set: embedded mode generated a secret for this run only");
            return new JwtSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(random), true);
        }
        if (StringUtils.hasText(jwksUri)) return null;
        throw new IllegalStateException(
                "FIELDOPS_JWT_SECRET (>= 32 bytes) or FIELDOPS_JWT_JWKS_URI must be set outside embedded mode");
    }

    /** HS256 tokens go to the secret, RS256/ES256 to the JWKS: a token is routed by its header's alg. */
    @Bean
    JwtDecoder jwtDecoder(org.springframework.beans.factory.ObjectProvider<JwtSecret> secret,
                          @Value("${fieldops.jwt.jwks-uri:}") String jwksUri) {
        return new VerifiedTokenCache(verifier(secret.getIfAvailable(), jwksUri), Clock.systemUTC());
    }

    private static JwtDecoder verifier(JwtSecret key, String jwksUri) {
        JwtDecoder hmac = key == null ? null
                : NimbusJwtDecoder.withSecretKey(key.key()).macAlgorithm(MacAlgorithm.HS256).build();
        JwtDecoder jwks = StringUtils.hasText(jwksUri)
                ? NimbusJwtDecoder.withJwkSetUri(jwksUri).jwsAlgorithms(algs -> {
                    algs.add(SignatureAlgorithm.RS256);
                    algs.add(SignatureAlgorithm.ES256);
                }).build()
                : null;
        if (jwks == null) return hmac;
        if (hmac == null) return jwks;
        return token -> {
            String alg;
            try {
                alg = JWTParser.parse(token).getHeader().getAlgorithm().getName();
            } catch (ParseException e) {
                throw new BadJwtException("malformed token");
            }
            JwtDecoder decoder = "HS256".equals(alg) ? hmac : jwks;
            if (decoder == null) throw new BadJwtException("tokens signed with " + alg + " are not accepted");
            return decoder.decode(token);
        };
    }

    /**
     * No Spring Security observations at all, not even disabled ones: the decorator that observes every filter wraps
     * each of them per request whether or not its observations are recorded. http.server.requests times the request.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    HttpFirewall httpFirewall() {
        return HeaderFirewall.strict();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper mapper) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // stateless bearer tokens: no saved request to resume after a login, no session to log out of
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(auth -> auth
                        // actuator endpoints are served on the management port only (management.server.port, which
                        // must differ from server.port); the public port has no handler for them
                        .requestMatchers("/actuator/**").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/livez", "/readyz",
                                "/error").permitAll()
                        // Xero signs its webhook deliveries instead of sending a token (checked by the handler)
                        .requestMatchers(HttpMethod.POST, "/api/xero/webhooks").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(SecurityConfiguration::authenticate))
                        .authenticationEntryPoint((request, response, e) -> write(response, mapper,
                                Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                                        "A valid bearer token is required: " + e.getMessage())))
                        .accessDeniedHandler((request, response, e) -> write(response, mapper, forbidden())))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) -> write(response, mapper,
                                Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid bearer token is required")))
                        .accessDeniedHandler((request, response, e) -> write(response, mapper, forbidden())))
                .build();
    }

    public static ProblemDetail forbidden() {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Your role may not do this");
    }

    private static AbstractAuthenticationToken authenticate(Jwt jwt) {
        CurrentUser user;
        try {
            user = CurrentUser.from(jwt);
        } catch (IllegalArgumentException e) {
            throw new InvalidBearerTokenException("token claims are incomplete: " + e.getMessage());
        }
        return new CurrentUserAuthentication(user, jwt);
    }

    private static void write(HttpServletResponse response, ObjectMapper mapper, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (problem.getStatus() == 401) response.setHeader("WWW-Authenticate", "Bearer");
        mapper.writeValue(response.getOutputStream(), problem);
    }

    /** The authenticated caller; authorities are {@code ROLE_<APP ROLE>} for {@code hasRole(...)} checks. */
    static final class CurrentUserAuthentication extends AbstractAuthenticationToken {
        private final CurrentUser user;
        private final Jwt jwt;

        CurrentUserAuthentication(CurrentUser user, Jwt jwt) {
            super(List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
            this.user = user;
            this.jwt = jwt;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return jwt;
        }

        @Override
        public CurrentUser getPrincipal() {
            return user;
        }
    }
}
