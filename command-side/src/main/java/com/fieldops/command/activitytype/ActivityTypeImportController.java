package com.fieldops.command.activitytype;

import static com.fieldops.command.messaging.ReadModelWait.ReadModel.ACTIVITY_TYPES;

import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.command.messaging.ReadModelWait;
import com.fieldops.platform.problem.PayloadTooLarge;
import com.fieldops.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Bulk import of a price list from CSV: our own columns or a Xero Items export. */
@RestController
@RequestMapping("/api/activity-types/bulk-import")
@Tag(name = "Activity types")
@ApiResponse(responseCode = "200", description = "Valid rows imported (none in a dry run); each bad row listed in "
        + "errors as {row, field, message}, the header being row 1 and the first data row row 2")
@ApiResponse(responseCode = "400", description = "Not UTF-8 CSV text, or the required headers are missing (the "
        + "detail names the expected headers)")
@ApiResponse(responseCode = "413", description = "Over 5 MB or over 10,000 data rows")
public class ActivityTypeImportController {

    private final CommandGateway commands;
    private final ReadModelWait projection;

    public ActivityTypeImportController(CommandGateway commands, ReadModelWait projection) {
        this.commands = commands;
        this.projection = projection;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Import activity types from a CSV file (multipart field 'file') (admin)")
    public ImportResult importFile(@RequestPart("file") MultipartFile file,
                                   @Parameter(description = "validate and report only; nothing changes")
                                   @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
                                   @Parameter(description = "create: matches are errors; upsert: update the type "
                                           + "matched by xero_code, else by name", schema = @Schema(
                                           allowableValues = {"create", "upsert"}))
                                   @RequestParam(defaultValue = "create") String mode,
                                   @AuthenticationPrincipal CurrentUser user) throws IOException {
        if (file.getSize() > ActivityTypeCsv.MAX_BYTES) throw new PayloadTooLarge("the CSV is larger than 5 MB");
        return run(file.getBytes(), dryRun, mode, user);
    }

    @PostMapping(consumes = "text/csv")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Import activity types from a text/csv body (admin)")
    public ImportResult importBody(HttpServletRequest request,
                                   @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
                                   @RequestParam(defaultValue = "create") String mode,
                                   @AuthenticationPrincipal CurrentUser user) throws IOException {
        if (request.getContentLengthLong() > ActivityTypeCsv.MAX_BYTES) {
            throw new PayloadTooLarge("the CSV is larger than 5 MB");
        }
        try (InputStream body = request.getInputStream()) {
            byte[] content = body.readNBytes((int) ActivityTypeCsv.MAX_BYTES + 1);
            return run(content, dryRun, mode, user);
        }
    }

    private ImportResult run(byte[] content, boolean dryRun, String mode, CurrentUser user) {
        ImportActivityTypes.Mode importMode = switch (mode) {
            case "create" -> ImportActivityTypes.Mode.CREATE;
            case "upsert" -> ImportActivityTypes.Mode.UPSERT;
            default -> throw com.fieldops.platform.problem.RuleViolation.invalid("mode", "must be create or upsert");
        };
        ActivityTypeCsv.Parsed parsed = ActivityTypeCsv.parse(content);
        ImportActivityTypes command = new ImportActivityTypes(UUID.randomUUID(), user.orgId(), parsed.rows(),
                importMode, dryRun);
        try {
            ImportResult result = commands.sendAndWait(ActorMetaData.command(command, user));
            projection.awaitImported(ACTIVITY_TYPES, result.versions());
            return result;
        } catch (ActivityTypeImporter.DryRunCompleted dryRunCompleted) {
            return dryRunCompleted.result();
        }
    }
}
