package com.fieldops.query.history;

import com.fieldops.platform.problem.Problems;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * An export streams on its request thread for as long as the client reads, and the query side serves with a few
 * threads (fieldops-query-side.yml): so only a few exports run at once per instance, and one more is told to come
 * back (429 with Retry-After) rather than take the threads every other read needs.
 */
@Component
public class ExportSlots {

    static final String RETRY_AFTER_SECONDS = "10";

    private final Semaphore slots;

    public ExportSlots(@Value("${fieldops.export.max-concurrent:2}") int maxConcurrent) {
        this.slots = new Semaphore(maxConcurrent);
    }

    /** Takes a slot or refuses with 429; the caller gives it back with {@link #release()}. */
    public void acquire() {
        if (slots.tryAcquire()) return;
        ErrorResponseException busy = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS,
                Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-exports",
                        "As many exports as this instance serves at once are running; try again shortly"), null);
        busy.getHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
        throw busy;
    }

    public void release() {
        slots.release();
    }
}
