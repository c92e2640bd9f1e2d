package com.fieldops.query.activitytype;

import com.fieldops.platform.api.ActivityTypeResource;
import com.fieldops.platform.problem.RuleViolation;
import com.fieldops.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The price list's queries (DESIGN §5). Writes are the command side's. */
@RestController
@RequestMapping("/api/activity-types")
@Tag(name = "Activity types")
public class ActivityTypeQueryController {

    private final ActivityTypeListCache activityTypes;

    public ActivityTypeQueryController(ActivityTypeListCache activityTypes) {
        this.activityTypes = activityTypes;
    }

    /**
     * A non-admin's {@code include_disabled=true} is ignored rather than refused: the answer is the enabled types
     * they may see anyway (a 403 would make one shared frontend call role-dependent, and the flag reveals nothing).
     */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List the organisation's activity types",
            description = "Enabled types of the caller's organisation, ordered by name (case-insensitive). "
                    + "An admin may add include_disabled=true to get the disabled ones too; for other roles the "
                    + "parameter is ignored.")
    @ApiResponse(responseCode = "200", description = "The types, a plain JSON array. Its weak ETag changes with the "
            + "list; Cache-Control: private, no-cache lets a browser keep it and revalidate it on each use.",
            headers = @Header(name = HttpHeaders.ETAG, description = "Weak entity tag of this list",
                    schema = @Schema(type = "string")),
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = ActivityTypeResource.class))))
    @ApiResponse(responseCode = "304", description = "If-None-Match named the current list's ETag: not modified, no "
            + "body", headers = @Header(name = HttpHeaders.ETAG, description = "Weak entity tag of this list",
            schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "include_disabled is not a boolean")
    // read by Spring's ETag check, not by this method
    @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_NONE_MATCH,
            description = "The ETag of the list the client holds: 304 while it is current",
            schema = @Schema(type = "string"))
    public ResponseEntity<byte[]> list(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user,
                                       @Parameter(description = "Admins only: include disabled types")
                                       @RequestParam(name = "include_disabled", defaultValue = "false")
                                       boolean includeDisabled,
                                       @Parameter(hidden = true)
                                       @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false)
                                       String acceptEncoding) {
        SerializedList list = activityTypes.list(user, includeDisabled);
        // Spring answers 304 without the body when If-None-Match matches the ETag (HttpEntityMethodProcessor)
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                .eTag(list.etag())
                .cacheControl(CacheControl.noCache().cachePrivate())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        return acceptsGzip(acceptEncoding)
                ? ok.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(list.gzip())
                : ok.body(list.json());
    }

    // "gzip" listed without q=0; a client refusing gzip with q=0 gets plain JSON
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) return false;
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            if (!parts[0].trim().equalsIgnoreCase("gzip")) continue;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].replace(" ", "");
                if (parameter.equals("q=0") || parameter.matches("q=0\\.0{1,3}")) return false;
            }
            return true;
        }
        return false;
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get one activity type",
            description = "A disabled type is visible to admins only; for others it is 404, like another "
                    + "organisation's id.")
    @ApiResponse(responseCode = "200", description = "The type",
            content = @Content(schema = @Schema(implementation = ActivityTypeResource.class)))
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No such type in the caller's organisation (or disabled)")
    public ActivityTypeResource get(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user,
                            @Parameter(description = "Activity type id (UUID)") @PathVariable UUID id) {
        return activityTypes.find(user, id)
                .orElseThrow(() -> RuleViolation.notFound("activity type " + id));
    }
}
