package com.fieldops.command.xero;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A Xero webhook delivery; an "intent to receive" delivery has no events. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record XeroWebhookDelivery(List<XeroWebhookEvent> events, Long firstEventSequence, Long lastEventSequence,
                                  String entropy) {
}
