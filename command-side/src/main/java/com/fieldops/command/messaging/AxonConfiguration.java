package com.fieldops.command.messaging;

import com.fieldops.command.storage.HintedJpaEventStorageEngine;
import com.fieldops.command.storage.NewAggregates;
import com.fieldops.command.storage.StagedAggregatesEventStore;
import com.fieldops.events.store.AxonEventFormat;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Axon without Axon Server: JPA event store, Jackson everywhere, errors that stop processing instead of skipping. */
@Configuration
// the event store's entities, which Axon's JPA event store auto-configuration registers only when it builds the engine
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
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

    /**
     * Axon Spring Boot's JPA event store, built the same way, that skips loading aggregates an inbound batch is
     * about to create (see {@link NewAggregates}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          EntityManagerProvider entityManagerProvider,
                                          TransactionManager transactionManager) {
        return new HintedJpaEventStorageEngine(JpaEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager));
    }

    /** Axon Spring Boot's event store, built the same way, that finds an aggregate's staged events without a search. */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                  org.axonframework.config.Configuration configuration) {
        return new StagedAggregatesEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)));
    }

    /** Every aggregate's commands are routed by it (Axon takes the one CommandTargetResolver bean). */
    @Bean
    CommandTargetResolver commandTargetResolver() {
        return new CachedCommandTargetResolver();
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
