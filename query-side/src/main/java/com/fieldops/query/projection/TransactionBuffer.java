package com.fieldops.query.projection;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes a projection collects during the current transaction and writes just before it commits: a poll of
 * thousands of events then costs one statement per table instead of one per event. Only for writes that no
 * projection reads back in the same transaction (counters, activity_log rows). A rollback drops the buffer with the
 * rest of the transaction, so a batch applied again record by record starts from an empty one.
 */
public final class TransactionBuffer {

    private TransactionBuffer() {
    }

    /**
     * The buffer {@code key} of the current transaction, created by {@code create} on first use; {@code flush} is
     * called with it before the transaction commits (a failure there rolls the transaction back).
     */
    public static <T> T of(Object key, Supplier<T> create, Consumer<T> flush) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("projections write inside a transaction");
        }
        @SuppressWarnings("unchecked")
        T buffer = (T) TransactionSynchronizationManager.getResource(key);
        if (buffer != null) return buffer;
        T created = create.get();
        TransactionSynchronizationManager.bindResource(key, created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                flush.accept(created);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }
        });
        return created;
    }
}
