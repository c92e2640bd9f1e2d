package com.fieldops.app;

import com.fieldops.platform.security.AppRole;
import com.fieldops.platform.security.JwtSecret;
import com.fieldops.platform.security.TokenIssuer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In embedded mode without FIELDOPS_JWT_SECRET, prints ready-to-paste curl lines with tokens for an admin, a
 * manager and a technician of a demo organisation (fixed ids, so data made with them survives a restart).
 */
@Component
public class DevTokens {

    private static final Logger log = LoggerFactory.getLogger(DevTokens.class);
    static final UUID DEMO_ORG = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final UUID DEMO_TEAM = UUID.fromString("00000000-0000-4000-8000-000000000002");

    private final ObjectProvider<JwtSecret> secret;
    private final int port;

    public DevTokens(ObjectProvider<JwtSecret> secret, @Value("${server.port:8080}") int port) {
        this.secret = secret;
        this.port = port;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void print() {
        JwtSecret key = secret.getIfAvailable();
        if (key == null || !key.generated()) return;
        TokenIssuer issuer = new TokenIssuer(key);
        StringBuilder text = new StringBuilder("\n\nFieldOps is up on http://localhost:" + port
                + " (Swagger UI: http://localhost:" + port + "/swagger-ui.html). Dev tokens, valid 12 hours:\n");
        for (TokenIssuer.Subject subject : demoUsers()) {
            String token = issuer.issue(subject, Duration.ofHours(12));
            text.append("\n# ").append(subject.fullName()).append(" (").append(subject.role().claim()).append(")\n")
                    .append("curl -H 'Authorization: Bearer ").append(token).append("' http://localhost:").append(port)
                    .append("/api/activity-types\n");
        }
        log.info("{}", text);
    }

    static List<TokenIssuer.Subject> demoUsers() {
        return List.of(
                new TokenIssuer.Subject(UUID.fromString("00000000-0000-4000-8000-0000000000a1"), DEMO_ORG, AppRole.ADMIN,
                        null, "admin@demo.test", "Ada Admin"),
                new TokenIssuer.Subject(UUID.fromString("00000000-0000-4000-8000-0000000000b1"), DEMO_ORG,
                        AppRole.MANAGER, DEMO_TEAM, "manager@demo.test", "Max Manager"),
                new TokenIssuer.Subject(UUID.fromString("00000000-0000-4000-8000-0000000000c1"), DEMO_ORG,
                        AppRole.TECHNICIAN, DEMO_TEAM, "tech@demo.test", "Tess Technician"));
    }
}
