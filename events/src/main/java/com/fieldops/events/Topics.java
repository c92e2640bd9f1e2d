package com.fieldops.events;

/** Kafka topics of DESIGN §6. */
public final class Topics {
    public static final String EVENTS = "fieldops.events";
    public static final String EVENTS_DLT = "fieldops.events.DLT";
    public static final String INBOUND = "fieldops.inbound";
    public static final String INBOUND_DLT = "fieldops.inbound.DLT";

    private Topics() {
    }
}
