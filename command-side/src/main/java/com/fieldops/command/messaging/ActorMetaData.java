package com.fieldops.command.messaging;

import com.fieldops.events.store.AxonEventFormat;
import com.fieldops.platform.security.CurrentUser;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;

/** The metadata every command carries: the organisation and the acting user. Events inherit it. */
public final class ActorMetaData {

    // the keys are part of the stored events' format, which the query side reads too
    public static final String ORG_ID = AxonEventFormat.ORG_ID;
    public static final String ACTOR_ID = AxonEventFormat.ACTOR_ID;
    public static final String ACTOR_NAME = AxonEventFormat.ACTOR_NAME;

    private ActorMetaData() {
    }

    public static CommandMessage<Object> command(Object command, CurrentUser actor) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                ORG_ID, actor.orgId().toString(),
                ACTOR_ID, actor.userId().toString(),
                ACTOR_NAME, actor.displayName()));
    }

    /**
     * A command FieldOps sends on its own (the schedule, the webhook worker, the Xero push): {@code actorName} says
     * which part. Its metadata replaces what a command sent from an event handler would inherit from the event, so
     * the user whose change caused it is not named as its actor.
     */
    public static CommandMessage<Object> system(Object command, UUID orgId, String actorName) {
        return GenericCommandMessage.asCommandMessage(command).withMetaData(Map.of(
                ORG_ID, orgId.toString(),
                ACTOR_NAME, actorName));
    }

    public static UUID actorId(MetaData metaData) {
        Object id = metaData.get(ACTOR_ID);
        return id == null ? null : UUID.fromString(id.toString());
    }

    public static String actorName(MetaData metaData) {
        Object name = metaData.get(ACTOR_NAME);
        return name == null ? null : name.toString();
    }
}
