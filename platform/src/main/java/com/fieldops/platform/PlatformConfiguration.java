package com.fieldops.platform;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** What every FieldOps process shares: security, problem details, request ids. Imported by each application. */
@Configuration
@ComponentScan
public class PlatformConfiguration {

    /** The instant "today" is derived from, in UTC; each organisation's date is then taken in its own timezone. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
