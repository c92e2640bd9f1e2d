package com.fieldops.command.messaging;

import com.fieldops.events.store.AxonEventFormat;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Axon without Axon Server: JPA event store, Jackson everywhere, errors that stop processing instead of skipping. */
@Configuration
public class AxonConfiguration {

    /** Who did it and for which organisation travels from every command to the events it causes. */
    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(ActorMetaData.ORG_ID, ActorMetaData.ACTOR_ID, ActorMetaData.ACTOR_NAME);
    }

    /**
     * Axon's default listener error handler logs and skips the event: a publisher or projection would then lose it.
     * Propagating makes the streaming processor retry the batch with back-off until it succeeds.
     */
    @Bean
    ConfigurerModule propagatingErrors() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    @Bean
    @Primary
    Serializer serializer() {
        return jackson();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return jackson();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return jackson();
    }

    /**
     * The event store's upcaster chain (Axon's JPA storage engine takes every EventUpcaster bean): events of a
     * superseded version are read as their current version by aggregates and the Kafka publisher alike.
     */
    @Bean
    EventUpcaster eventVersionUpcaster() {
        return new EventVersionUpcaster();
    }

    /**
     * Its own mapper: stored events must stay readable whatever the HTTP layer's Jackson settings are. A FieldOps
     * event is stored with the version of its type as its payload revision, which the upcaster reads.
     */
    private static Serializer jackson() {
        return JacksonSerializer.builder().objectMapper(AxonEventFormat.newMapper()).lenientDeserialization()
                .revisionResolver(AxonEventFormat::revisionOf).build();
    }
}
