package com.fieldops.app;

import com.fieldops.command.CommandSideApplication;
import com.fieldops.platform.PlatformConfiguration;
import com.fieldops.query.QuerySideApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * FieldOps in one JVM: command side, query side and the Xero saga on one port. With no datasource or Kafka
 * configured it starts embedded PostgreSQL and an embedded KRaft broker under FIELDOPS_DATA_DIR.
 */
@SpringBootApplication
@ComponentScan(basePackages = "com.fieldops", excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
        classes = {CommandSideApplication.class, QuerySideApplication.class}))
@Import(PlatformConfiguration.class)
public class FieldOpsApplication {

    public static void main(String[] args) {
        SpringApplication.run(FieldOpsApplication.class, args);
    }
}
