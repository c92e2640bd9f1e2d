package com.fieldops.command.xero;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The schedule and the webhook worker run on Spring's scheduler; the sync saga on a tracking processor. */
@Configuration
@EnableScheduling
public class XeroSyncConfiguration {

    /**
     * The saga's processor starts at the head of the store the first time it runs: the syncs requested before it
     * existed are not to be run now (the start-up recovery fails those left pending).
     */
    @Autowired
    void configureSyncSagaProcessor(EventProcessingConfigurer processing) {
        processing.registerTrackingEventProcessorConfiguration(XeroSyncSaga.PROCESSING_GROUP, configuration ->
                TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}
