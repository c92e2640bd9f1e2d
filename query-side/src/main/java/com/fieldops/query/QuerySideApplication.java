package com.fieldops.query;

import com.fieldops.platform.PlatformConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The query side: Kafka consumers that keep the read models in PostgreSQL, and the HTTP queries over them
 * (read through row-level security). Flyway runs the shared migrations from the platform jar.
 */
@SpringBootApplication
@Import(PlatformConfiguration.class)
public class QuerySideApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
