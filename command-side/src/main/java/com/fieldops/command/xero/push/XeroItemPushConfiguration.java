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

    @Autowired
    void configureItemPushProcessor(EventProcessingConfigurer processing) {
        processing.registerTrackingEventProcessor(XeroItemPush.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                // the project's default already propagates; this processor's retry semantics depend on it
                .registerListenerInvocationErrorHandler(XeroItemPush.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}
