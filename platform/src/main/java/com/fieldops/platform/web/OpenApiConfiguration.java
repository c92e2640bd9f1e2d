package com.fieldops.platform.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's frame; a relative server keeps it identical wherever it is served from. */
@Configuration
@OpenAPIDefinition(
        info = @Info(title = "FieldOps API", version = "1",
                description = "Operations backend for field-service businesses that bill through Xero. Errors are "
                        + "RFC 9457 problem details (application/problem+json) with field errors under `errors`."),
        servers = @Server(url = "/"),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "Supabase-style JWT: app_metadata.org_id, app_metadata.role, app_metadata.team_id")
public class OpenApiConfiguration {
}
