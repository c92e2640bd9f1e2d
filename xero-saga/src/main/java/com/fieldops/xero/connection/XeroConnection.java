package com.fieldops.xero.connection;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fieldops.events.xero.XeroConnected;
import com.fieldops.events.xero.XeroDisconnected;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The history of an organisation's Xero connection as events (for the feed, the export and analysts): connected,
 * disconnected, connected again. One per organisation, under an id derived from the organisation's (the organisation
 * id itself belongs to the Organization aggregate). The secrets are not here: they live encrypted in xero_connection.
 */
@Aggregate
public class XeroConnection {

    @AggregateIdentifier
    private UUID connectionId;
    private UUID orgId;
    private String tenantId;
    private String tenantName;
    private boolean connected;

    protected XeroConnection() {
        // for Axon
    }

    /** The aggregate id of an organisation's connection history: a name-based UUID of the organisation id. */
    public static UUID idOf(UUID orgId) {
        return UUID.nameUUIDFromBytes(("xero-connection:" + orgId).getBytes(StandardCharsets.UTF_8));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordXeroConnection command) {
        apply(new XeroConnected(command.orgId(), command.tenantId(), command.tenantName(),
                command.grant().oauthName()));
    }

    @CommandHandler
    public void handle(RecordXeroDisconnection command) {
        if (!connected) return; // already ended: nothing new happened
        apply(new XeroDisconnected(orgId, tenantId, tenantName, command.reason(), command.detail()));
    }

    @EventSourcingHandler
    void on(XeroConnected event) {
        connectionId = idOf(event.orgId());
        orgId = event.orgId();
        tenantId = event.tenantId();
        tenantName = event.tenantName();
        connected = true;
    }

    @EventSourcingHandler
    void on(XeroDisconnected event) {
        connected = false;
    }
}
