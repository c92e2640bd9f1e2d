package com.fieldops.command.xero.push;

import com.fieldops.command.activitytype.RecordXeroPushRejected;
import com.fieldops.command.activitytype.RecordXeroPushed;
import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.events.activitytype.ActivityTypeCreated;
import com.fieldops.events.activitytype.ActivityTypeUpdated;
import com.fieldops.xero.IdempotencyKey;
import com.fieldops.xero.XeroItemDraft;
import com.fieldops.xero.XeroItemSaved;
import com.fieldops.xero.XeroNotConnected;
import com.fieldops.xero.XeroPort;
import com.fieldops.xero.XeroReconnectRequired;
import com.fieldops.xero.XeroRejected;
import com.fieldops.xero.sync.XeroConnectionStatus;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Pushes the price list to Xero: a type that is not Xero-managed and has a xero_code is sent as the Item of that
 * Code (POST Items: Code, Name, Description, SalesDetails.UnitPrice) when it is created and whenever one of those
 * fields changes. A side effect in a tracking processor of its own ({@value #PROCESSING_GROUP}, see
 * {@link XeroItemPushConfiguration}): the processor's token is the persistent cursor of what has been pushed, so a
 * push that cannot be made now (Xero down) is retried from the token, across restarts, and nothing is lost. The
 * pushes of a batch of events go at its end, up to fifty types of an organisation per call.
 *
 * <p>Outcomes: Xero unavailable after the port's tries propagates, so the event is handled again later; no Xero
 * connection means there is nothing to push to (skipped); validation errors, a refused request or a connection to
 * reconnect are recorded on the type ({@link RecordXeroPushRejected}), a success clears an earlier failure
 * ({@link RecordXeroPushed}). Those commands run in the processor's unit of work, so they commit with its token.
 * Never replayed: a reset processor must not push history again.
 */
@Component
@ProcessingGroup(XeroItemPush.PROCESSING_GROUP)
@DisallowReplay
@ConditionalOnProperty(name = "fieldops.xero.item-push.enabled", matchIfMissing = true)
public class XeroItemPush {

    public static final String PROCESSING_GROUP = "xero-item-push";
    private static final String CONNECTED_IN_BATCH = XeroItemPush.class.getName() + ".connected";
    private static final String STAGED = XeroItemPush.class.getName() + ".staged";
    /** The actor of the outcomes recorded on a type, as for a disconnection by Xero. */
    static final String ACTOR_NAME = "Xero";
    private static final Logger log = LoggerFactory.getLogger(XeroItemPush.class);

    private final XeroPort xero;
    private final PushedItems items;
    private final CommandGateway commands;
    private final XeroConnectionStatus connections;

    public XeroItemPush(XeroPort xero, PushedItems items, CommandGateway commands, XeroConnectionStatus connections) {
        this.xero = xero;
        this.items = items;
        this.commands = commands;
        this.connections = connections;
    }

    @EventHandler
    void on(ActivityTypeCreated created, @MessageIdentifier String eventId) {
        if (!created.xeroManaged() && created.xeroCode() != null && connected(created.orgId())) {
            stage(new Push(created.activityTypeId(), created.orgId(), new XeroItemDraft(created.xeroCode(),
                    created.name(), created.description(), created.hourlyRate()), eventId));
        }
        pushStagedWhenTheBatchEnds();
    }

    /** Every update changes name, rate, description or code, all of which Xero's Item has. */
    @EventHandler
    void on(ActivityTypeUpdated updated, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        if (connected(updated.orgId())) {
            items.after(updated.activityTypeId(), sequence)
                    .filter(item -> !item.xeroManaged() && item.draft().code() != null)
                    .ifPresent(item -> stage(new Push(updated.activityTypeId(), updated.orgId(), item.draft(),
                            eventId)));
        }
        pushStagedWhenTheBatchEnds();
    }

    /** A type's Item as one event left it. */
    private record Push(UUID activityTypeId, UUID orgId, XeroItemDraft draft, String eventId) {
    }

    /**
     * Keeps the push for the end of the processor's batch, by organisation and type: a later event of the same type
     * in the batch replaces it (its Item is pushed as the last event left it, in the place of the first).
     */
    private void stage(Push push) {
        Map<UUID, Map<UUID, Push>> staged = CurrentUnitOfWork.get().root().getOrComputeResource(STAGED,
                key -> new LinkedHashMap<>());
        staged.computeIfAbsent(push.orgId(), org -> new LinkedHashMap<>()).put(push.activityTypeId(), push);
    }

    /**
     * After the batch's last event (the processor's batch holds only events this class handles), sends what the
     * batch staged: one POST Items per organisation and {@link XeroPort#MAX_ITEMS_PER_BATCH} types, so a bulk import
     * of thousands of coded types costs Xero calls by the fifty, not one each.
     */
    private void pushStagedWhenTheBatchEnds() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch && !batch.isLastMessage()) return;
        Map<UUID, Map<UUID, Push>> staged = unitOfWork.root().getResource(STAGED);
        if (staged == null) return;
        unitOfWork.root().resources().remove(STAGED);
        staged.forEach((orgId, pushes) -> {
            List<Push> all = List.copyOf(pushes.values());
            for (int from = 0; from < all.size(); from += XeroPort.MAX_ITEMS_PER_BATCH) {
                push(orgId, all.subList(from, Math.min(all.size(), from + XeroPort.MAX_ITEMS_PER_BATCH)));
            }
        });
    }

    private void push(UUID orgId, List<Push> pushes) {
        List<XeroItemSaved> saved;
        try {
            saved = xero.saveItems(orgId, pushes.stream().map(Push::draft).toList(), keyOf(pushes));
        } catch (XeroNotConnected notConnected) {
            log.debug("{} activity types not pushed: organisation {} has no Xero connection", pushes.size(), orgId);
            return;
        } catch (XeroReconnectRequired | XeroRejected refused) {
            pushes.forEach(push -> record(orgId, new RecordXeroPushRejected(push.activityTypeId(), orgId,
                    push.draft().code(), List.of(refused.getMessage()))));
            return;
        }
        for (int index = 0; index < pushes.size(); index++) {
            Push push = pushes.get(index);
            XeroItemSaved item = saved.get(index);
            if (item.saved()) {
                record(orgId, new RecordXeroPushed(push.activityTypeId(), orgId, push.draft().code()));
            } else {
                log.info("Xero refused activity type {} as item {}: {}", push.activityTypeId(), push.draft().code(),
                        item.validationErrors());
                record(orgId, new RecordXeroPushRejected(push.activityTypeId(), orgId, push.draft().code(),
                        item.validationErrors()));
            }
        }
    }

    /**
     * The call's Idempotency-Key, from the events it pushes: a batch handled again after a crash or an outage sends
     * the same calls with the same keys, which Xero applies once, while a batch cut differently (more events arrived
     * meanwhile) never reuses a key Xero has answered for other items. A single push is keyed by its event.
     */
    private static IdempotencyKey keyOf(List<Push> pushes) {
        UUID cause = pushes.size() == 1 ? UUID.fromString(pushes.get(0).eventId())
                : UUID.nameUUIDFromBytes(pushes.stream().map(Push::eventId).collect(Collectors.joining(","))
                        .getBytes(StandardCharsets.UTF_8));
        return IdempotencyKey.of(cause, 0);
    }

    /**
     * Looked up once per organisation and batch: a bulk import is thousands of events of an organisation that is
     * mostly not connected, and the port would find that out with a locked read of the connection each time. A
     * connection ended within the batch is still caught by the port ({@link XeroNotConnected}).
     */
    private boolean connected(UUID orgId) {
        Map<UUID, Boolean> known = CurrentUnitOfWork.get().root().getOrComputeResource(CONNECTED_IN_BATCH,
                key -> new HashMap<>());
        return known.computeIfAbsent(orgId, connections::connected);
    }

    private void record(UUID orgId, Object command) {
        commands.sendAndWait(ActorMetaData.system(command, orgId, ACTOR_NAME));
    }
}
