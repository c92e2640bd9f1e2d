package com.fieldops.command.xero;

import com.fieldops.xero.sync.XeroSyncCommands.RequestXeroSync;
import com.fieldops.xero.sync.XeroSyncState;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Requests make a new sync only when none of that organisation and type is pending or running; otherwise the
 * caller gets the one there is (several triggers firing together must not make Xero do the same work twice).
 */
@Component
public class XeroSyncCommandHandler {

    private final Repository<XeroSync> repository;
    private final XeroSyncSlots slots;

    public XeroSyncCommandHandler(Repository<XeroSync> repository, XeroSyncSlots slots) {
        this.repository = repository;
        this.slots = slots;
    }

    @CommandHandler
    public XeroSyncState handle(RequestXeroSync command) throws Exception {
        Optional<UUID> running = slots.claim(command.orgId(), command.type(), command.syncId());
        if (running.isPresent()) return repository.load(running.get().toString()).invoke(XeroSync::state);
        return repository.newInstance(() -> new XeroSync(command)).invoke(XeroSync::state);
    }
}
