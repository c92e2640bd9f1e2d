package com.fieldops.events;

import com.fieldops.events.activitytype.ActivityTypeCreated;
import com.fieldops.events.activitytype.ActivityTypeDisabled;
import com.fieldops.events.activitytype.ActivityTypeEnabled;
import com.fieldops.events.activitytype.ActivityTypeUpdated;
import com.fieldops.events.activitytype.ActivityTypeXeroPushFailed;
import com.fieldops.events.activitytype.ActivityTypeXeroPushed;
import com.fieldops.events.activitytype.ActivityTypesImported;
import com.fieldops.events.invoice.InvoiceRecorded;
import com.fieldops.events.job.JobAssigned;
import com.fieldops.events.job.JobCreated;
import com.fieldops.events.job.JobStatusChanged;
import com.fieldops.events.organization.OrganizationSettingsChanged;
import com.fieldops.events.project.ProjectCreated;
import com.fieldops.events.project.ProjectUpdated;
import com.fieldops.events.revenuetarget.RevenueTargetSet;
import com.fieldops.events.timesheet.TimesheetApproved;
import com.fieldops.events.timesheet.TimesheetCreated;
import com.fieldops.events.timesheet.TimesheetRejected;
import com.fieldops.events.timesheet.TimesheetSubmitted;
import com.fieldops.events.timesheet.TimesheetUpdated;
import com.fieldops.events.xero.XeroConnected;
import com.fieldops.events.xero.XeroContactRecorded;
import com.fieldops.events.xero.XeroDisconnected;
import com.fieldops.events.xero.XeroSyncCompleted;
import com.fieldops.events.xero.XeroSyncFailed;
import com.fieldops.events.xero.XeroSyncProgressed;
import com.fieldops.events.xero.XeroSyncRequested;
import com.fieldops.events.xero.XeroSyncStarted;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every event type FieldOps publishes, by its CloudEvents type name: the current version of each event. Superseded
 * versions ({@link EventVersions}) are still understood when read, as their current version.
 */
public final class EventCatalog {

    private static final List<Class<? extends FieldOpsEvent>> EVENTS = List.of(
            ActivityTypeCreated.class, ActivityTypeUpdated.class, ActivityTypeDisabled.class,
            ActivityTypeEnabled.class, ActivityTypesImported.class, ActivityTypeXeroPushFailed.class,
            ActivityTypeXeroPushed.class,
            OrganizationSettingsChanged.class,
            TimesheetCreated.class, TimesheetUpdated.class, TimesheetSubmitted.class, TimesheetApproved.class,
            TimesheetRejected.class,
            JobCreated.class, JobAssigned.class, JobStatusChanged.class,
            ProjectCreated.class, ProjectUpdated.class,
            XeroConnected.class, XeroDisconnected.class,
            InvoiceRecorded.class, XeroContactRecorded.class, RevenueTargetSet.class,
            XeroSyncRequested.class, XeroSyncStarted.class, XeroSyncProgressed.class, XeroSyncCompleted.class,
            XeroSyncFailed.class);

    private static final Map<String, Class<? extends FieldOpsEvent>> BY_TYPE = byType();

    private EventCatalog() {
    }

    public static Map<String, Class<? extends FieldOpsEvent>> all() {
        return BY_TYPE;
    }

    public static String typeOf(Class<?> eventClass) {
        EventType type = eventClass.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalArgumentException(eventClass.getName() + " has no @EventType");
        }
        return type.value();
    }

    /** The event record of a current or superseded type (a superseded one is read as its current version). */
    public static Optional<Class<? extends FieldOpsEvent>> classOf(String type) {
        Class<? extends FieldOpsEvent> current = BY_TYPE.get(type);
        if (current != null) return Optional.of(current);
        return EventVersions.superseded(type).map(EventVersions.Superseded::eventClass);
    }

    private static Map<String, Class<? extends FieldOpsEvent>> byType() {
        Map<String, Class<? extends FieldOpsEvent>> byType = new LinkedHashMap<>();
        EVENTS.forEach(event -> byType.put(typeOf(event), event));
        return Collections.unmodifiableMap(byType);
    }
}
