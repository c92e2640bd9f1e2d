package com.fieldops.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Axon Framework 4.13 calls AxonIQ's servers every minute to check for updates unless opted out. FieldOps runs where
 * only its own services may be reached, so every process opts out before Axon starts.
 */
public class NoPhoningHome implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
    }
}
