package com.fieldops.app;

import com.fieldops.app.xero.XeroFake;
import com.fieldops.embedded.TestInfrastructureInitializer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, against the test PostgreSQL and the in-JVM KRaft broker. One context is
 * shared by every test class that uses this annotation unchanged. Metrics export stays on, as in production. Xero is
 * the {@link XeroFake}, the application's clock a {@link TestClock}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = FieldOpsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // rebuilds read the store in pages of 7 events, so every test's rebuild crosses pages (and reads ahead)
        properties = {"fieldops.embedded.enabled=false", "fieldops.jwt.secret=" + Api.SECRET,
                "fieldops.encryption-key=" + Api.ENCRYPTION_KEY, "fieldops.rebuild.page-size=7",
                "fieldops.xero.webhook-key=" + XeroWebhookApiTest.WEBHOOK_KEY,
                // the daily schedule runs only where XeroSyncScheduleTest drives it with its own clock
                "fieldops.xero.schedule-check-cron=-",
                // the sync saga's processor runs only while XeroSyncSagaTest starts it; the other tests drive syncs
                // by hand. Its steps are due at once, a dead process's step is revived within seconds, and a step
                // Xero does not answer is tried twice more at once.
                "fieldops.xero.sync-saga.enabled=false", "db-scheduler.polling-interval=100ms",
                "db-scheduler.heartbeat-interval=500ms",
                "fieldops.xero.sync-saga.retry-delays=100ms,100ms"})
@ContextConfiguration(initializers = {TestInfrastructureInitializer.class, XeroFake.Initializer.class})
@AutoConfigureObservability(tracing = false)
@Import(TestClock.Configuration.class)
public @interface FieldOpsTest {
}
