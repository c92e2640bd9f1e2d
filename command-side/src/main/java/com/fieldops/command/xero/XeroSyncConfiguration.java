package com.fieldops.command.xero;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The schedule and the webhook worker run on Spring's scheduler; the sync saga on a tracking processor, its steps on
 * db-scheduler (Axon's DbSchedulerDeadlineManager, configured by Axon's auto-configuration).
 */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(XeroSyncSagaSettings.class)
public class XeroSyncConfiguration {

    /**
     * The saga's processor starts at the head of the store the first time it runs: the syncs requested before it
     * existed are not to be run now. It does not start where syncs are switched off.
     */
    @Autowired
    void configureSyncSagaProcessor(EventProcessingConfigurer processing, XeroSyncSagaSettings settings) {
        processing.registerTrackingEventProcessorConfiguration(XeroSyncSaga.PROCESSING_GROUP, configuration ->
                TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken)
                        .andAutoStart(settings.enabled()));
    }
}
