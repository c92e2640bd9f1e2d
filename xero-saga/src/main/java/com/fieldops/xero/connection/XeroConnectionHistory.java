package com.fieldops.xero.connection;

import com.fieldops.events.store.AxonEventFormat;
import com.fieldops.events.xero.XeroDisconnected;
import com.fieldops.platform.security.CurrentUser;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Records connections and disconnections as events of {@link XeroConnection}, inside the caller's transaction (the
 * command joins it), so the table and the history change together or not at all.
 */
@Component
class XeroConnectionHistory {

    /** Who ended a connection Xero refused: no person did. */
    static final String XERO = "Xero";

    private final CommandGateway commands;

    XeroConnectionHistory(CommandGateway commands) {
        this.commands = commands;
    }

    void connected(CurrentUser admin, StoredConnection connection) {
        send(new RecordXeroConnection(XeroConnection.idOf(connection.orgId()), connection.orgId(),
                connection.tenantId(), connection.tenantName(), connection.grant()), connection, admin);
    }

    void disconnectedByAdmin(CurrentUser admin, StoredConnection connection) {
        send(new RecordXeroDisconnection(XeroConnection.idOf(connection.orgId()), XeroDisconnected.BY_ADMIN, null),
                connection, admin);
    }

    void grantRejected(StoredConnection connection) {
        send(new RecordXeroDisconnection(XeroConnection.idOf(connection.orgId()), XeroDisconnected.GRANT_REJECTED,
                connection.disconnectedReason()), connection, null);
    }

    private void send(Object command, StoredConnection connection, CurrentUser actor) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(AxonEventFormat.ORG_ID, connection.orgId().toString());
        if (actor != null) metaData.put(AxonEventFormat.ACTOR_ID, actor.userId().toString());
        metaData.put(AxonEventFormat.ACTOR_NAME, actor != null ? actor.displayName() : XERO);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }
}
