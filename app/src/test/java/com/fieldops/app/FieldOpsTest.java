package com.fieldops.app;

import com.fieldops.embedded.TestInfrastructureInitializer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, against the test PostgreSQL and the in-JVM KRaft broker. One context is
 * shared by every test class that uses this annotation unchanged. Metrics export stays on, as in production.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = FieldOpsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"fieldops.embedded.enabled=false", "fieldops.jwt.secret=" + Api.SECRET,
                "fieldops.xero.webhook-key=" + XeroWebhookApiTest.WEBHOOK_KEY,
                // the daily schedule runs only where XeroSyncScheduleTest drives it with its own clock
                "fieldops.xero.schedule-check-cron=-"})
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@AutoConfigureObservability(tracing = false)
public @interface FieldOpsTest {
}
