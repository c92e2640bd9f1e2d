package com.fieldops.command.xero;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fieldops.platform.problem.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Xero's webhook deliveries: no JWT, the signature over the raw body proves them. Xero wants 200 with an empty body
 * within 5 seconds, so the events are only queued here; {@link XeroWebhookWorker} turns them into syncs.
 */
@RestController
@Tag(name = "Xero")
public class XeroWebhookController {

    private final XeroWebhookSignature signature;
    private final ObjectMapper mapper;
    private final CommandGateway commands;

    public XeroWebhookController(XeroWebhookSignature signature, ObjectMapper mapper, CommandGateway commands) {
        this.signature = signature;
        this.mapper = mapper;
        this.commands = commands;
    }

    @PostMapping(path = "/api/xero/webhooks", consumes = MediaType.ALL_VALUE)
    @SecurityRequirements // no bearer token: Xero signs the body instead
    @Operation(summary = "Xero webhook deliveries (called by Xero; x-xero-signature = base64 HMAC-SHA256 of the raw "
            + "body with FIELDOPS_XERO_WEBHOOK_KEY)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = XeroWebhookDelivery.class))))
    @ApiResponse(responseCode = "200", description = "Verified and queued (empty body); intent-to-receive too")
    @ApiResponse(responseCode = "400", description = "Signed, but not a webhook delivery")
    @ApiResponse(responseCode = "401", description = "Missing or wrong signature, or no webhook key configured "
            + "(empty body)")
    public ResponseEntity<Void> receive(
            @Parameter(name = "x-xero-signature") @RequestHeader(name = "x-xero-signature", required = false)
            String sent,
            @RequestBody(required = false) byte[] body) {
        if (!signature.verifies(body, sent)) return ResponseEntity.status(401).build();
        XeroWebhookDelivery delivery = parse(body);
        if (delivery.events() != null && !delivery.events().isEmpty()) {
            commands.sendAndWait(new RecordXeroWebhookEvents(delivery.events()));
        }
        return ResponseEntity.ok().build();
    }

    private XeroWebhookDelivery parse(byte[] body) {
        XeroWebhookDelivery delivery;
        try {
            delivery = mapper.readValue(body, XeroWebhookDelivery.class);
        } catch (IOException e) {
            throw RuleViolation.invalid("body", "not a Xero webhook delivery (malformed JSON)");
        }
        if (delivery == null) throw RuleViolation.invalid("body", "not a Xero webhook delivery");
        if (delivery.events() != null) {
            for (XeroWebhookEvent event : delivery.events()) {
                if (event == null || event.tenantId() == null || event.category() == null || event.type() == null) {
                    throw RuleViolation.invalid("events", "every event has tenantId, eventCategory and eventType");
                }
            }
        }
        return delivery;
    }
}
