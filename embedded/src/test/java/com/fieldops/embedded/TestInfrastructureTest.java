package com.fieldops.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

class TestInfrastructureTest {

    @Test
    void providesAWorkingDatabase() throws Exception {
        String url = TestInfrastructure.jdbcUrl();
        try (Connection c = DriverManager.getConnection(url, TestInfrastructure.username(), TestInfrastructure.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).matches("fieldops_test_[0-9a-f]+|fieldops");
        }
        assertThat(TestInfrastructure.jdbcUrl()).as("once per JVM").isEqualTo(url);
    }

    @Test
    void providesAWorkingKafkaBroker() throws Exception {
        String bootstrap = TestInfrastructure.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
        assertThat(TestInfrastructure.bootstrapServers()).as("once per JVM").isEqualTo(bootstrap);
    }

    @Test
    void applyFillsSpringProperties() {
        Map<String, Object> props = TestInfrastructure.apply(new HashMap<>());
        assertThat(props).containsEntry("spring.datasource.url", TestInfrastructure.jdbcUrl())
                .containsEntry("spring.datasource.username", "postgres")
                .containsEntry("spring.kafka.bootstrap-servers", TestInfrastructure.bootstrapServers())
                .containsEntry("fieldops.embedded.enabled", "false");
    }

    @Test
    void initializerPointsASpringContextAtTheTestServers() {
        SpringApplication app = new SpringApplication(Empty.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.addInitializers(new TestInfrastructureInitializer());
        try (ConfigurableApplicationContext context = app.run()) {
            var env = context.getEnvironment();
            assertThat(env.getProperty("spring.datasource.url")).isEqualTo(TestInfrastructure.jdbcUrl());
            assertThat(env.getProperty("spring.kafka.bootstrap-servers")).isEqualTo(TestInfrastructure.bootstrapServers());
            assertThat(env.getProperty("fieldops.embedded.enabled")).isEqualTo("false");
            // the post-processor saw the initializer and started nothing of its own
            assertThat(env.getPropertySources().contains(EmbeddedInfrastructure.PROPERTY_SOURCE)).isFalse();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }
}
