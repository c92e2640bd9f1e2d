package com.fieldops.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The old and new value of one field, as the history and the activity log show it. */
public record Change<T>(@JsonProperty("old") T oldValue, @JsonProperty("new") T newValue) {
    public static <T> Change<T> of(T oldValue, T newValue) {
        return new Change<>(oldValue, newValue);
    }
}
