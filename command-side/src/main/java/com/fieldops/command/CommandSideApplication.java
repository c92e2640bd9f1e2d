package com.fieldops.command;

import com.fieldops.platform.PlatformConfiguration;
import com.fieldops.xero.XeroConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The command side on its own: HTTP commands, aggregates, event store, Kafka publisher (and the Xero saga). */
@SpringBootApplication
@Import({PlatformConfiguration.class, XeroConfiguration.class})
public class CommandSideApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
