package com.fieldops.command.xero.push;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;

/**
 * The push's tracking processor: one thread (pushes of a type stay in order), first started at the head of the
 * store (deploying it does not push every type ever changed), and errors propagate: the processor keeps its token
 * and handles the event again with back-off, which is how a push waits out a Xero outage.
 */
@Configuration
@ConditionalOnProperty(name = "fieldops.xero.item-push.enabled", matchIfMissing = true)
public class XeroItemPushConfiguration {

    /**
     * Events per transaction and token update: a bulk import of 10,000 coded types is 10,000 events to look at (mostly
     * skips, for an organisation without Xero), and one commit each competes with the projections for the database.
     * The price: an outage mid-batch rolls back the batch, so its earlier pushes are made again (same keys).
     */
    static final int BATCH_SIZE = 100;

    @Autowired
    void configureItemPushProcessor(EventProcessingConfigurer processing) {
        processing.registerTrackingEventProcessor(XeroItemPush.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(BATCH_SIZE)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                // the project's default already propagates; this processor's retry semantics depend on it
                .registerListenerInvocationErrorHandler(XeroItemPush.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}
