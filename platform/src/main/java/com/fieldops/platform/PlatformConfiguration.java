package com.fieldops.platform;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** What every FieldOps process shares: security, problem details, request ids. Imported by each application. */
@Configuration
@ComponentScan
public class PlatformConfiguration {
}
