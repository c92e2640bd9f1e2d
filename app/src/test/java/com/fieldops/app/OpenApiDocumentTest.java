package com.fieldops.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The committed OpenAPI document (the source of the TypeScript types) must be what the application serves.
 * Regenerate with: ./mvnw -B verify -pl app -Dtest=OpenApiDocumentTest -Dfieldops.openapi.write=true
 */
@FieldOpsTest
class OpenApiDocumentTest {

    static final Path COMMITTED = Path.of("../clients/typescript/openapi.json");

    @Autowired
    TestRestTemplate rest;

    @Test
    void committedDocumentIsCurrent() throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        String served = mapper.writeValueAsString(mapper.readValue(rest.getForObject("/v3/api-docs", String.class),
                Object.class)) + "\n";
        if (Boolean.getBoolean("fieldops.openapi.write")) Files.writeString(COMMITTED, served);
        assertThat(served).contains("\"/api/activity-types\"", "\"/api/activity-types/bulk-import\"",
                "\"/api/activity-types/{id}/history\"");
        assertThat(Files.readString(COMMITTED))
                .as("clients/typescript/openapi.json is stale: regenerate it (see this test's javadoc), then run "
                        + "npm run generate in clients/typescript")
                .isEqualTo(served);
    }
}
