package com.fieldops.query.dashboard;

import com.fieldops.platform.problem.RuleViolation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Where a feed page ended: the last entry's time and id, opaque to clients (base64url). */
public record FeedCursor(Instant createdAt, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static FeedCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new FeedCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw RuleViolation.invalid("cursor", "is not a cursor this feed gave out (use X-Next-Cursor)");
        }
    }

    public static FeedCursor after(ActivityLogEntry entry) {
        return new FeedCursor(entry.createdAt(), entry.id());
    }
}
