package com.fieldops.query.projection;

import com.fieldops.platform.kafka.DeadLetteringListeners;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fieldops.events.CloudEventCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.support.TransactionTemplate;

/** Which failures wait for the database instead of dead-lettering, with exceptions from real failures. */
class ErrorClassificationTest {

    @Test
    void aDatabaseThatCannotBeReachedIsWaitedFor() {
        // a port nothing listens on: the same exception chain as a PostgreSQL that is down or restarting
        DriverManagerDataSource nowhere = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/fieldops",
                "postgres", "");
        Throwable failure = catchThrowable(() -> new TransactionTemplate(new DataSourceTransactionManager(nowhere))
                .executeWithoutResult(status -> { }));
        assertThat(failure).isNotNull();
        assertThat(DeadLetteringListeners.databaseUnavailable(
                new ListenerExecutionFailedException("listener failed", failure))).isTrue();
    }

    @Test
    void aMalformedEventIsNotADatabaseOutage() {
        Throwable malformed = catchThrowable(() -> CloudEventCodec.parse("nope".getBytes(StandardCharsets.UTF_8)));
        assertThat(malformed).isNotNull();
        assertThat(DeadLetteringListeners.databaseUnavailable(
                new ListenerExecutionFailedException("listener failed", malformed))).isFalse();
    }
}
