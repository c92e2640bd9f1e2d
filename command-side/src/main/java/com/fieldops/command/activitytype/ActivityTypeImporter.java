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
import java.util.Objects;
import java.util.Comparator;
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

    /** A row that passed its own rules and the in-file duplicate check. */
    private record Candidate(int row, ActivityTypeRules.Fields fields, boolean enabled, UUID newId) {
        String nameKey() {
            return ActivityTypeRules.nameKey(fields.name());
        }
    }

    @CommandHandler
    public ImportResult handle(ImportActivityTypes command) throws Exception {
        UUID orgId = command.orgId();
        List<ImportResult.ImportError> errors = new ArrayList<>();
        List<Candidate> candidates = checkRows(command.rows(), errors);

        // existing types the rows match (upsert), then the new types' keys claimed in one statement per kind
        String[] nameKeys = candidates.stream().map(Candidate::nameKey).toArray(String[]::new);
        String[] codes = candidates.stream().map(c -> c.fields().xeroCode()).filter(Objects::nonNull)
                .toArray(String[]::new);
        Map<String, UUID> namesHeld = uniqueness.holders(orgId, ActivityTypeUniqueness.NAME, nameKeys);
        Map<String, UUID> codesHeld = uniqueness.holders(orgId, ActivityTypeUniqueness.XERO_CODE, codes);
        Map<Candidate, UUID> targets = new HashMap<>();
        if (command.mode() == ImportActivityTypes.Mode.UPSERT) {
            for (Candidate candidate : candidates) {
                UUID byCode = candidate.fields().xeroCode() == null ? null : codesHeld.get(candidate.fields().xeroCode());
                UUID target = byCode != null ? byCode : namesHeld.get(candidate.nameKey());
                if (target != null) targets.put(candidate, target);
            }
        }
        Map<String, UUID> wantedNames = new HashMap<>();
        Map<String, UUID> wantedCodes = new HashMap<>();
        candidates.stream().filter(candidate -> !targets.containsKey(candidate)).forEach(candidate -> {
            wantedNames.put(candidate.nameKey(), candidate.newId());
            if (candidate.fields().xeroCode() != null) wantedCodes.put(candidate.fields().xeroCode(), candidate.newId());
        });
        UniqueKeys claimed = claimedKeys(
                uniqueness.claimAll(orgId, ActivityTypeUniqueness.NAME, wantedNames),
                uniqueness.claimAll(orgId, ActivityTypeUniqueness.XERO_CODE, wantedCodes));

        Map<UUID, Long> versions = new LinkedHashMap<>();
        List<UUID> failedCreates = new ArrayList<>();
        int created = 0;
        int updated = 0;
        for (Candidate candidate : candidates) {
            ActivityTypeRules.Fields fields = candidate.fields();
            UUID target = targets.get(candidate);
            try {
                ActivityTypeState state;
                if (target != null) {
                    UpdateActivityType update = new UpdateActivityType(target, orgId,
                            Set.of("name", "hourly_rate", "description", "xero_code", "enabled"), fields.name(),
                            fields.hourlyRate(), fields.description(), fields.xeroCode(), candidate.enabled());
                    state = repository.load(target.toString()).invoke(type -> type.handle(update, uniqueness));
                    updated++;
                } else {
                    CreateActivityType create = new CreateActivityType(candidate.newId(), orgId, fields.name(),
                            fields.hourlyRate(), fields.description(), fields.xeroCode(), candidate.enabled());
                    state = repository.newInstance(() -> new ActivityType(create, claimed)).invoke(ActivityType::state);
                    created++;
                }
                versions.put(state.id(), state.version());
            } catch (RuleViolation violation) {
                if (target == null) failedCreates.add(candidate.newId());
                report(errors, candidate.row(), violation);
            }
        }
        uniqueness.releaseAll(orgId, failedCreates);
        errors.sort(Comparator.comparingInt(ImportResult.ImportError::row));
        ImportResult result = new ImportResult(created + updated, created, updated, command.dryRun(), errors, versions);
        if (command.dryRun()) throw new DryRunCompleted(result);
        // The event's id is the import's id, so it is the CloudEvent subject and the Kafka key of the import.
        eventBus.publish(new GenericEventMessage<>(command.importId().toString(),
                new ActivityTypesImported(command.importId(), orgId, command.mode().label(),
                        command.rows().size(), created, updated, failedRows(errors)),
                MetaData.emptyInstance(), Instant.now()));
        return result;
    }

    /** Each row's own rules and the duplicates inside the file (the first row wins); the others are reported. */
    private static List<Candidate> checkRows(List<ActivityTypeCsv.Row> rows, List<ImportResult.ImportError> errors) {
        Map<String, Integer> namesSeen = new HashMap<>();
        Map<String, Integer> codesSeen = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        for (ActivityTypeCsv.Row row : rows) {
            try {
                ActivityTypeRules.Fields fields = fieldsOf(row);
                boolean enabled = enabledOf(row);
                rejectDuplicateInFile(row.row(), fields, namesSeen, codesSeen);
                candidates.add(new Candidate(row.row(), fields, enabled, UUID.randomUUID()));
            } catch (RuleViolation violation) {
                report(errors, row.row(), violation);
            }
        }
        return candidates;
    }

    /** The keys this import claimed in bulk: a new type may use a key only when the claim made it the holder. */
    private static UniqueKeys claimedKeys(Map<String, UUID> names, Map<String, UUID> codes) {
        return new UniqueKeys() {
            @Override
            public void claimName(UUID orgId, String name, UUID activityTypeId) {
                if (!activityTypeId.equals(names.get(ActivityTypeRules.nameKey(name)))) {
                    throw ActivityTypeUniqueness.nameTaken(name);
                }
            }

            @Override
            public void claimXeroCode(UUID orgId, String xeroCode, UUID activityTypeId) {
                if (!activityTypeId.equals(codes.get(xeroCode.trim()))) {
                    throw ActivityTypeUniqueness.xeroCodeTaken(xeroCode);
                }
            }
        };
    }

    private static void report(List<ImportResult.ImportError> errors, int row, RuleViolation violation) {
        violation.errors().forEach(error -> errors.add(new ImportResult.ImportError(row, error.field(), error.message())));
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

    private static int failedRows(List<ImportResult.ImportError> errors) {
        return (int) errors.stream().map(ImportResult.ImportError::row).distinct().count();
    }
}
