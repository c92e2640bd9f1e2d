package com.fieldops.platform.web;

import com.fieldops.platform.problem.FieldMessage;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Keeps the OpenAPI document honest about errors without repeating it on every endpoint: every API operation
 * documents 401 and 403 (one without a bearer token only its own 401, whose body is empty), every error response
 * is {@code application/problem+json} with the {@code Problem} schema, a 304 has no body, and successful bodies
 * are {@code application/json} (springdoc would say {@code *}{@code /*}).
 */
@Component
public class ProblemResponsesCustomizer implements GlobalOpenApiCustomizer {

    static final String PROBLEM_JSON = "application/problem+json";

    /** RFC 9457 problem details as DESIGN §5 shapes them. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "Problem", description = "RFC 9457 problem details; field "
            + "errors under errors")
    record Problem(URI type, String title, int status, String detail, URI instance, List<FieldMessage> errors) {
    }

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        ModelConverters.getInstance().readAll(Problem.class).forEach(openApi.getComponents()::addSchemas);
        Schema<?> problem = new Schema<>().$ref("#/components/schemas/Problem");
        if (openApi.getPaths() == null) return;
        openApi.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/")) return;
            item.readOperations().forEach(operation -> {
                ApiResponses responses = operation.getResponses();
                // an operation without a bearer token (Xero's webhooks) has no role to check and answers its own 401
                boolean tokenless = operation.getSecurity() != null && operation.getSecurity().isEmpty();
                if (!tokenless) {
                    responses.putIfAbsent("401",
                            new ApiResponse().description("Missing, invalid or expired bearer token"));
                    responses.putIfAbsent("403", new ApiResponse().description("The caller's role may not do this"));
                }
                responses.forEach((status, response) -> {
                    // a 304 never has a body (RFC 9110 §15.4.5)
                    if ((tokenless && status.equals("401")) || status.equals("304")) {
                        response.setContent(null);
                    } else if (status.startsWith("4") || status.startsWith("5")) {
                        response.setContent(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(problem)));
                    } else if (response.getContent() != null && response.getContent().containsKey("*/*")) {
                        Map<String, MediaType> content = response.getContent();
                        response.setContent(new Content().addMediaType("application/json", content.get("*/*")));
                    }
                });
            });
        });
    }
}
