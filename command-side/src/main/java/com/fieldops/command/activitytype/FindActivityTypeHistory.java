package com.fieldops.command.activitytype;

import java.util.UUID;

public record FindActivityTypeHistory(UUID activityTypeId, UUID orgId) {
}
