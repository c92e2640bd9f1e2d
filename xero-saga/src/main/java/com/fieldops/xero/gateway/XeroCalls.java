package com.fieldops.xero.gateway;

import com.fieldops.xero.XeroRejected;
import com.fieldops.xero.XeroSettings;
import com.fieldops.xero.XeroUnavailable;
import com.fieldops.xero.connection.XeroAccess;
import com.fieldops.xero.connection.XeroConnections;
import com.fieldops.xero.ratelimit.XeroRateLimiter;
import com.fieldops.xero.ratelimit.XeroRateLimiter.LimitSignals;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpResponseException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How every call to the Xero API is made: with the organisation's current token, admitted by the tenant's rate
 * limiter, tried at most {@value #MAX_TRIES} times with back-off on 429, 5xx and timeouts (no response), a 401
 * answered by one token refresh before the next try. Other refusals are not retried.
 *
 * <p>Requests go through xero-java's {@code ...ForHttpResponse} methods, so status and headers (Xero's limit headers
 * on every answer) are seen as sent, not through the SDK's exception mapping.
 */
@Component
class XeroCalls {

    static final int MAX_TRIES = 3;
    private static final Logger log = LoggerFactory.getLogger(XeroCalls.class);

    private final XeroConnections connections;
    private final XeroRateLimiter limiter;
    private final XeroSdk sdk;
    private final Backoff backoff;
    private final Clock clock = Clock.systemUTC();

    XeroCalls(XeroConnections connections, XeroRateLimiter limiter, XeroSdk sdk, XeroSettings settings) {
        this.connections = connections;
        this.limiter = limiter;
        this.sdk = sdk;
        this.backoff = Backoff.standard(settings.retryBackoff());
    }

    /** One request through xero-java, answering the raw response. */
    @FunctionalInterface
    interface XeroRequest {
        HttpResponse send(XeroAccess access) throws IOException;
    }

    /** The request's answer read as {@code type} (an SDK model). */
    <T> T call(UUID orgId, String what, Class<T> type, XeroRequest request) {
        XeroAccess access = connections.access(orgId);
        boolean refreshedAfter401 = false;
        for (int attempt = 1; ; attempt++) {
            XeroRateLimiter.Lease lease = limiter.acquire(access.tenantId());
            int status;
            Exception failure;
            LimitSignals signals = LimitSignals.NONE;
            try {
                HttpResponse response = request.send(access);
                signals = XeroLimitHeaders.of(response.getStatusCode(), response.getHeaders(), clock);
                return sdk.read(response, type);
            } catch (HttpResponseException e) {
                status = e.getStatusCode();
                failure = e;
                signals = XeroLimitHeaders.of(status, e.getHeaders(), clock);
            } catch (IOException e) {
                // no (complete) response: a timeout or a broken connection
                status = 0;
                failure = e;
            } finally {
                limiter.release(lease, signals);
            }
            if (status == 401 && !refreshedAfter401 && attempt < MAX_TRIES) {
                log.info("Xero answered 401 to {}: refreshing the token once", what);
                access = connections.accessAfterRejection(orgId, access.accessToken());
                refreshedAfter401 = true;
                continue;
            }
            if (!retryable(status)) {
                throw new XeroRejected(status, what + ": " + sdk.errorMessage((HttpResponseException) failure),
                        failure);
            }
            String outcome = status == 0 ? "no response (" + failure.getClass().getSimpleName() + ")"
                    : "HTTP " + status;
            if (attempt == MAX_TRIES) {
                throw new XeroUnavailable(what + " failed " + MAX_TRIES + " times, last with " + outcome, failure);
            }
            Duration wait = backoff.after(attempt);
            log.info("{} failed with {}; try {} of {} in {} ms", what, outcome, attempt + 1, MAX_TRIES,
                    wait.toMillis());
            sleep(wait);
        }
    }

    /** 429 (the limiter then waits out its Retry-After), 5xx, and no response at all. */
    static boolean retryable(int status) {
        return status == 0 || status == 429 || status >= 500;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XeroUnavailable("interrupted between tries", e);
        }
    }
}
