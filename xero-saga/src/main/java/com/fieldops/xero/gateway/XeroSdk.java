package com.fieldops.xero.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fieldops.xero.XeroSettings;
import com.fieldops.xero.XeroUnavailable;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpResponseException;
import com.xero.api.ApiClient;
import com.xero.api.client.AccountingApi;
import com.xero.models.accounting.Error;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * xero-java 4.29.1, set up once: the accounting API rooted at FIELDOPS_XERO_API_URL (never
 * {@code AccountingApi.getInstance}, which keeps its first client in a static for ever), timeouts lowered from the
 * SDK's 180 s, and its own object mapper for its models.
 */
@Component
class XeroSdk {

    private final ApiClient client;
    private final AccountingApi accounting;

    XeroSdk(XeroSettings settings) {
        this.client = new ApiClient(settings.apiUrl() + "/api.xro/2.0", null, null, null, null);
        int timeout = Math.toIntExact(settings.timeout().toMillis());
        client.setConnectionTimeout(timeout);
        client.setReadTimeout(timeout);
        this.accounting = new AccountingApi(client);
    }

    AccountingApi accounting() {
        return accounting;
    }

    /** The body as an SDK model; an I/O failure while reading stays an IOException (the call is tried again). */
    <T> T read(HttpResponse response, Class<T> type) throws IOException {
        try (InputStream body = response.getContent()) {
            return client.getObjectMapper().readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new XeroUnavailable("Xero's answer is not a " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        } finally {
            response.disconnect();
        }
    }

    /** Xero's own words for a refusal: the Message of its error body and every element's ValidationErrors. */
    String errorMessage(HttpResponseException refusal) {
        String content = refusal.getContent();
        if (content == null || content.isBlank()) return "HTTP " + refusal.getStatusCode();
        try {
            Error error = client.getObjectMapper().readValue(content, Error.class);
            String details = error.getElements() == null ? "" : error.getElements().stream()
                    .filter(element -> element.getValidationErrors() != null)
                    .flatMap(element -> element.getValidationErrors().stream())
                    .map(validation -> validation.getMessage())
                    .filter(Objects::nonNull)
                    .collect(Collectors.joining("; "));
            String message = Objects.requireNonNullElse(error.getMessage(), "HTTP " + refusal.getStatusCode());
            return details.isEmpty() ? message : message + ": " + details;
        } catch (JsonProcessingException notAnError) {
            return "HTTP " + refusal.getStatusCode();
        }
    }
}
