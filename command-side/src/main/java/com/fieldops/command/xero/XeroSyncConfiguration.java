package com.fieldops.command.xero;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The schedule and the webhook worker run on Spring's scheduler. */
@Configuration
@EnableScheduling
public class XeroSyncConfiguration {
}
