package com.fieldops.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/** The layering rules of the code, checked on the compiled classes of every module. */
class ArchitectureTest {

    private static JavaClasses fieldops;

    @BeforeAll
    static void importClasses() {
        fieldops = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.fieldops");
    }

    @Test
    void controllersTalkOnlyToGatewaysAndReadRepositories() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.modelling.command.Repository")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.eventsourcing.eventstore.EventStore")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate")
                .check(fieldops);
    }

    @Test
    void aggregatesKnowNothingOfTheWebOrKafka() {
        noClasses().that().areAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.kafka..",
                        "jakarta.servlet..")
                .check(fieldops);
    }

    @Test
    void commandAndQuerySidesAreIndependent() {
        noClasses().that().resideInAPackage("com.fieldops.command..")
                .should().dependOnClassesThat().resideInAPackage("com.fieldops.query..").check(fieldops);
        noClasses().that().resideInAPackage("com.fieldops.query..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fieldops.command..", "org.axonframework..")
                .check(fieldops);
    }

    @Test
    void thePublishedEventContractStandsAlone() {
        classes().that().resideInAPackage("com.fieldops.events..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.fieldops.events..", "java..",
                        "com.fasterxml.jackson..", "com.networknt.schema..")
                .check(fieldops);
    }

    @Test
    void sharedPlatformDependsOnNoSide() {
        noClasses().that().resideInAPackage("com.fieldops.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fieldops.command..", "com.fieldops.query..",
                        "com.fieldops.xero..", "com.fieldops.app..")
                .check(fieldops);
    }
}
