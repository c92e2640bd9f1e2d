package com.fieldops.query.dashboard;

import com.fieldops.platform.problem.RuleViolation;
import com.fieldops.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/dashboard")
@Tag(name = "Dashboard")
public class ActivityFeedController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    public static final String NEXT_CURSOR = "X-Next-Cursor";

    private final ActivityFeedReadRepository feed;

    public ActivityFeedController(ActivityFeedReadRepository feed) {
        this.feed = feed;
    }

    @GetMapping("/activity-feed")
    @Operation(summary = "The activity feed in the caller's scope, newest first",
            description = "A technician sees what they did and what concerns their own timesheets and jobs, a manager "
                    + "their team's, admins and analysts the organisation's. Page with limit/offset, or with the "
                    + "cursor of the previous page's X-Next-Cursor header (stable while new entries arrive).")
    @ApiResponse(responseCode = "200", description = "A plain JSON array",
            headers = @Header(name = NEXT_CURSOR, description = "cursor of the next page; absent on the last page"))
    @ApiResponse(responseCode = "400", description = "A malformed parameter or cursor")
    public ResponseEntity<List<ActivityLogEntry>> activityFeed(
            @Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user,
            @Parameter(description = "default 20, at most 100 (a larger value is capped)")
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
            @RequestParam(defaultValue = "0") int offset,
            @Parameter(description = "only entries by this user") @RequestParam(name = "user_id", required = false)
            UUID userId,
            @Parameter(description = "e.g. timesheet, job, project, activity_type")
            @RequestParam(name = "resource_type", required = false) String resourceType,
            @RequestParam(name = "resource_id", required = false) UUID resourceId,
            @Parameter(description = "X-Next-Cursor of the previous page; offset is then ignored")
            @RequestParam(required = false) String cursor) {
        if (limit < 1) throw RuleViolation.invalid("limit", "must be at least 1");
        if (offset < 0) throw RuleViolation.invalid("offset", "must be at least 0");
        int pageSize = Math.min(limit, MAX_LIMIT);
        List<ActivityLogEntry> page = feed.find(user, new ActivityFeedReadRepository.Filter(userId, resourceType,
                resourceId, cursor == null ? null : FeedCursor.decode(cursor), pageSize, offset));
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (page.size() == pageSize) {
            response.header(NEXT_CURSOR, FeedCursor.after(page.get(page.size() - 1)).encode());
        }
        return response.body(page);
    }
}
