package com.fieldops.command.activitytype;

import com.fieldops.events.activitytype.ActivityTypesImported;
import com.fieldops.platform.problem.FieldMessage;
import com.fieldops.platform.problem.RuleViolation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Applies a bulk import in one unit of work with the same rules as single commands: every row goes through the
 * aggregate (create or update), so a row is imported whole or reported, never half. Duplicates inside the file
 * (the first row wins) and against existing types are errors, never merged. A dry run runs the very same path
 * and then rolls the unit of work back by throwing {@link DryRunCompleted}.
 */
@Component
public class ActivityTypeImporter {

    private final Repository<ActivityType> repository;
    private final ActivityTypeUniqueness uniqueness;
    private final EventBus eventBus;

    public ActivityTypeImporter(Repository<ActivityType> repository, ActivityTypeUniqueness uniqueness,
                                EventBus eventBus) {
        this.repository = repository;
        this.uniqueness = uniqueness;
        this.eventBus = eventBus;
    }

    /** Carries a dry run's result out of the unit of work it rolls back. */
    public static final class DryRunCompleted extends RuntimeException {
        private final transient ImportResult result;

        DryRunCompleted(ImportResult result) {
            super("dry run", null, false, false);
            this.result = result;
        }

        public ImportResult result() {
            return result;
        }
    }

    @CommandHandler
    public ImportResult handle(ImportActivityTypes command) throws Exception {
        List<ImportResult.ImportError> errors = new ArrayList<>();
        Map<String, Integer> namesSeen = new HashMap<>();
        Map<String, Integer> codesSeen = new HashMap<>();
        Map<UUID, Long> versions = new LinkedHashMap<>();
        int created = 0;
        int updated = 0;
        for (ActivityTypeCsv.Row row : command.rows()) {
            try {
                ActivityTypeRules.Fields fields = fieldsOf(row);
                boolean enabled = enabledOf(row);
                rejectDuplicateInFile(row.row(), fields, namesSeen, codesSeen);
                Optional<UUID> existing = command.mode() == ImportActivityTypes.Mode.UPSERT
                        ? matchExisting(command.orgId(), fields) : Optional.empty();
                ActivityTypeState state;
                if (existing.isPresent()) {
                    UpdateActivityType update = new UpdateActivityType(existing.get(), command.orgId(),
                            Set.of("name", "hourly_rate", "description", "xero_code", "enabled"), fields.name(),
                            fields.hourlyRate(), fields.description(), fields.xeroCode(), enabled);
                    state = repository.load(existing.get().toString())
                            .invoke(type -> type.handle(update, uniqueness));
                    updated++;
                } else {
                    CreateActivityType create = new CreateActivityType(UUID.randomUUID(), command.orgId(),
                            fields.name(), fields.hourlyRate(), fields.description(), fields.xeroCode(), enabled);
                    state = repository.newInstance(() -> new ActivityType(create, uniqueness))
                            .invoke(ActivityType::state);
                    created++;
                }
                versions.put(state.id(), state.version());
            } catch (RuleViolation violation) {
                violation.errors().forEach(error ->
                        errors.add(new ImportResult.ImportError(row.row(), error.field(), error.message())));
            }
        }
        ImportResult result = new ImportResult(created + updated, created, updated, command.dryRun(), errors, versions);
        if (command.dryRun()) throw new DryRunCompleted(result);
        // The event's id is the import's id, so it is the CloudEvent subject and the Kafka key of the import.
        eventBus.publish(new GenericEventMessage<>(command.importId().toString(),
                new ActivityTypesImported(command.importId(), command.orgId(), command.mode().label(),
                        command.rows().size(), created, updated, failedRows(errors)),
                MetaData.emptyInstance(), Instant.now()));
        return result;
    }

    private static ActivityTypeRules.Fields fieldsOf(ActivityTypeCsv.Row row) {
        BigDecimal rate = null;
        if (row.hourlyRate() != null && !row.hourlyRate().isBlank()) {
            try {
                rate = new BigDecimal(row.hourlyRate().trim());
            } catch (NumberFormatException e) {
                throw RuleViolation.invalid("hourly_rate", "must be a number, not '" + row.hourlyRate().trim() + "'");
            }
        }
        return ActivityTypeRules.check(row.name(), rate, row.description(), row.xeroCode());
    }

    private static boolean enabledOf(ActivityTypeCsv.Row row) {
        String value = row.enabled() == null ? "" : row.enabled().trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw RuleViolation.invalid("enabled", "must be true or false, not '" + row.enabled().trim() + "'");
        };
    }

    private static void rejectDuplicateInFile(int row, ActivityTypeRules.Fields fields, Map<String, Integer> namesSeen,
                                              Map<String, Integer> codesSeen) {
        List<FieldMessage> errors = new ArrayList<>();
        Integer sameName = namesSeen.putIfAbsent(ActivityTypeRules.nameKey(fields.name()), row);
        if (sameName != null) errors.add(new FieldMessage("name", "duplicates the name of row " + sameName));
        if (fields.xeroCode() != null) {
            Integer sameCode = codesSeen.putIfAbsent(fields.xeroCode(), row);
            if (sameCode != null) errors.add(new FieldMessage("xero_code", "duplicates the xero_code of row " + sameCode));
        }
        if (!errors.isEmpty()) throw new RuleViolation(RuleViolation.Kind.CONFLICT, "duplicate row", errors);
    }

    /** Upsert matches by xero_code first, else by name. */
    private Optional<UUID> matchExisting(UUID orgId, ActivityTypeRules.Fields fields) {
        if (fields.xeroCode() != null) {
            Optional<UUID> byCode = uniqueness.ownerOfXeroCode(orgId, fields.xeroCode());
            if (byCode.isPresent()) return byCode;
        }
        return uniqueness.ownerOfName(orgId, fields.name());
    }

    private static int failedRows(List<ImportResult.ImportError> errors) {
        return (int) errors.stream().map(ImportResult.ImportError::row).distinct().count();
    }
}
