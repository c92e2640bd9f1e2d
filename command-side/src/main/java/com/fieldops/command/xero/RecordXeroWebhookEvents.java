package com.fieldops.command.xero;

import java.util.List;

/** Queues the events of a verified webhook delivery for {@link XeroWebhookWorker}; answers how many were new. */
public record RecordXeroWebhookEvents(List<XeroWebhookEvent> events) {
}
