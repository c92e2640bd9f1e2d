package com.fieldops.embedded;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test's Spring context at {@link TestInfrastructure}: spring.datasource.* and
 * spring.kafka.bootstrap-servers with highest precedence, and fieldops.embedded.enabled=false.
 * <pre>
 * &#64;SpringBootTest
 * &#64;ContextConfiguration(initializers = TestInfrastructureInitializer.class)
 * </pre>
 * {@link EmbeddedInfrastructure} recognises this initializer and starts nothing of its own.
 */
public class TestInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String PROPERTY_SOURCE = "fieldopsTestInfrastructure";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource(PROPERTY_SOURCE, TestInfrastructure.properties()));
    }
}
