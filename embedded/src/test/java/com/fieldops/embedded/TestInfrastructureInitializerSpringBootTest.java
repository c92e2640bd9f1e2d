package com.fieldops.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.test.context.ContextConfiguration;

/** The way other modules' tests use it. */
@SpringBootTest(classes = TestInfrastructureInitializerSpringBootTest.Empty.class)
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
class TestInfrastructureInitializerSpringBootTest {

    @Autowired
    ConfigurableEnvironment environment;

    @Test
    void contextUsesTheTestServersAndNoEmbeddedOnes() {
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(TestInfrastructure.jdbcUrl());
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("postgres");
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo(TestInfrastructure.bootstrapServers());
        assertThat(environment.getProperty("fieldops.embedded.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("fieldops.embedded.active")).isNull();
        assertThat(environment.getPropertySources().contains(EmbeddedInfrastructure.PROPERTY_SOURCE)).isFalse();
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }
}
