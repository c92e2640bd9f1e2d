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
        TransactionSynchronizationManager.registerSynchronization(new Flush<>(key, created, flush));
        return created;
    }

    /**
     * Writes the current transaction's buffers now rather than at its commit, for a caller that changes what the
     * writes address before committing (the rebuild points the search_path at its shadow tables only while it
     * applies events). Later writes of the transaction start new buffers.
     */
    public static void flushNow() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Flush<?> buffer) buffer.writeOnce();
        }
    }

    private static final class Flush<T> implements TransactionSynchronization {
        private final Object key;
        private final T buffer;
        private final Consumer<T> write;
        private boolean flushed;

        Flush(Object key, T buffer, Consumer<T> write) {
            this.key = key;
            this.buffer = buffer;
            this.write = write;
        }

        // still bound while it writes: the write may look the buffer up again (e.g. for the locks it holds)
        void writeOnce() {
            if (flushed) return;
            flushed = true;
            write.accept(buffer);
            TransactionSynchronizationManager.unbindResourceIfPossible(key);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            writeOnce();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(key);
        }
    }
}
