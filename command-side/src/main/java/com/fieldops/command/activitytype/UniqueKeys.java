package com.fieldops.command.activitytype;

import java.util.UUID;

/** Claims of the unique keys of a new type: the database itself, or keys an import claimed in one statement. */
public interface UniqueKeys {

    void claimName(UUID orgId, String name, UUID activityTypeId);

    void claimXeroCode(UUID orgId, String xeroCode, UUID activityTypeId);
}
