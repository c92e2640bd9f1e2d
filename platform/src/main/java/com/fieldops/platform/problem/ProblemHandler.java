package com.fieldops.platform.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fieldops.platform.security.SecurityConfiguration;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error leaves as problem+json (RFC 9457), with field errors under {@code errors}. */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolation(RuleViolation e) {
        ProblemDetail problem = switch (e.kind()) {
            case INVALID -> Problems.of(HttpStatus.BAD_REQUEST, "validation", e.getMessage(), e.errors());
            case FORBIDDEN -> Problems.of(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
            case NOT_FOUND -> Problems.of(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
            case CONFLICT -> Problems.of(HttpStatus.CONFLICT, "conflict", e.getMessage(), e.errors());
            case FORBIDDEN_CHANGE -> Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "forbidden-change", e.getMessage(),
                    e.errors());
        };
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @ExceptionHandler(PayloadTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLarge e) {
        return ResponseEntity.status(413).body(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", e.getMessage()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
        return ResponseEntity.status(403).body(SecurityConfiguration.forbidden());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : e.getRequiredType().getSimpleName();
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "validation",
                e.getName() + " must be " + article(expected),
                List.of(new FieldMessage(e.getName(), "must be " + article(expected)))));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "validation", e.getMessage()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldMessage> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldMessage(snakeCase(error.getField()), error.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "validation",
                errors.stream().map(m -> m.field() + " " + m.message()).collect(Collectors.joining("; ")), errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldMessage> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldMessage(
                        result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "validation",
                errors.stream().map(m -> m.field() + " " + m.message()).collect(Collectors.joining("; ")), errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = unknown.getPropertyName();
            return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "validation",
                    "unknown field " + field, List.of(new FieldMessage(field, "is not a known field"))));
        }
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream().map(ref -> ref.getFieldName() == null
                    ? "[" + ref.getIndex() + "]" : ref.getFieldName()).collect(Collectors.joining("."));
            return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "validation",
                    field + " has the wrong type", List.of(new FieldMessage(field, "has the wrong type"))));
        }
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "malformed-body",
                "The request body is not valid JSON"));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(413).body(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "too-large",
                "The upload is larger than allowed"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unhandled error", e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "An unexpected error occurred; it has been logged"));
    }

    private static String article(String type) {
        return "UUID".equals(type) ? "a UUID" : "a valid " + type;
    }

    private static String snakeCase(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
