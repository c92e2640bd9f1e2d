package com.fieldops.xero.connection;

import com.fieldops.platform.problem.Problems;
import com.fieldops.xero.XeroNotConnected;
import com.fieldops.xero.XeroReconnectRequired;
import com.fieldops.xero.XeroUnavailable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Xero's state as problems: not connected or needing a reconnect is 409, Xero not answering 502, no app 503. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class XeroProblemHandler {

    @ExceptionHandler({XeroNotConnected.class, XeroReconnectRequired.class})
    ResponseEntity<ProblemDetail> notConnected(RuntimeException e) {
        return ResponseEntity.status(409).body(Problems.of(HttpStatus.CONFLICT, "xero-not-connected", e.getMessage()));
    }

    @ExceptionHandler(XeroUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(XeroUnavailable e) {
        return ResponseEntity.status(502).body(Problems.of(HttpStatus.BAD_GATEWAY, "xero-unavailable",
                e.getMessage()));
    }

    @ExceptionHandler(XeroConnections.XeroCodeFlowNotConfigured.class)
    ResponseEntity<ProblemDetail> notConfigured(XeroConnections.XeroCodeFlowNotConfigured e) {
        return ResponseEntity.status(503).body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "xero-not-configured",
                e.getMessage()));
    }
}
