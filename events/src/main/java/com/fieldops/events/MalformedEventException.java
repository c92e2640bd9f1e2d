package com.fieldops.events;

/** A message that can never be applied, however often it is retried: it belongs on a dead-letter topic. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }
}
