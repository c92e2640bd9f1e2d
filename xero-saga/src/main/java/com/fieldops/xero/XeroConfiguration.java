package com.fieldops.xero;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The Xero connection, gateway and rate limiter; imported by the command side (the all-in-one app scans it). */
@Configuration
@ComponentScan
@EnableConfigurationProperties(XeroSettings.class)
public class XeroConfiguration {
}
