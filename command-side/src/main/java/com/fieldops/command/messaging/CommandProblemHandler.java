package com.fieldops.command.messaging;

import com.fieldops.platform.problem.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Axon's own failures as problems: an unknown aggregate is a 404, a lost optimistic race a 409. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CommandProblemHandler {

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return ResponseEntity.status(404).body(Problems.of(HttpStatus.NOT_FOUND, "not-found",
                "no such resource: " + e.getAggregateIdentifier()));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException e) {
        return ResponseEntity.status(409).body(Problems.of(HttpStatus.CONFLICT, "concurrent-change",
                "the resource was changed concurrently; retry the request"));
    }
}
