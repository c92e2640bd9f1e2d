package com.fieldops.app;

import static com.fieldops.app.xero.XeroFake.API;
import static com.fieldops.app.xero.XeroFake.api;
import static com.fieldops.app.xero.XeroFake.payload;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fieldops.app.xero.XeroFake;
import com.fieldops.platform.security.AppRole;
import com.fieldops.xero.IdempotencyKey;
import com.fieldops.xero.XeroInvoice;
import com.fieldops.xero.XeroItem;
import com.fieldops.xero.XeroItemDraft;
import com.fieldops.xero.XeroItemSaved;
import com.fieldops.xero.XeroPage;
import com.fieldops.xero.XeroPort;
import com.fieldops.xero.XeroRejected;
import com.fieldops.xero.XeroUnavailable;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** The Xero port against the fake: real payloads mapped, retries, the 401 refresh, validation errors, idempotency. */
@FieldOpsTest
class XeroGatewayTest {

    /** Xero's 401 body for an expired token, as SDK users report it (reference/xero-examples/SOURCE.md). */
    static final String TOKEN_EXPIRED = "{\"Type\":null,\"Title\":\"Unauthorized\",\"Status\":401,"
            + "\"Detail\":\"TokenExpired: token expired at 04/09/2023 05:16:59\","
            + "\"Instance\":\"6489df60-8891-470e-9268-a9a43f5da71e\",\"Extensions\":{}}";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    XeroPort xeroPort;

    final XeroFake xero = XeroFake.get();
    Api.User admin;
    XeroFake.Tenant tenant;

    @BeforeEach
    void connect() {
        admin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada");
        tenant = xero.connect(new Api(rest), admin, "Acme Plumbing", 1800);
    }

    @Test
    void itemsAreMappedWithMoneyInCentsAndNoPriceAsNull() {
        stub(get(urlPathEqualTo(API + "/Items")), okJson(payload("items-get.json")));

        List<XeroItem> items = xeroPort.getItems(admin.orgId(), Instant.parse("2024-01-02T03:04:05Z"));

        assertThat(items).hasSize(2);
        XeroItem guitars = items.get(0);
        assertThat(guitars.itemId()).isEqualTo(UUID.fromString("c8c54d65-f3f2-452d-926e-bf450b12fb07"));
        assertThat(guitars.code()).isEqualTo("123");
        assertThat(guitars.name()).isEqualTo("Guitars");
        assertThat(guitars.salesUnitPrice()).isEqualTo(new BigDecimal("5000.00"));
        assertThat(guitars.updatedAt()).isEqualTo(Instant.ofEpochMilli(1551981476267L));
        // "SalesDetails": {} is no price, never a zero price
        assertThat(items.get(1).code()).isEqualTo("abc65591");
        assertThat(items.get(1).salesUnitPrice()).isNull();
        xero.server().verify(getRequestedFor(urlPathEqualTo(API + "/Items"))
                .withHeader("Authorization", equalTo(tenant.bearer()))
                .withHeader("If-Modified-Since", containing("2024-01-02T03:04:05")));
    }

    @Test
    void invoicesAreSalesInvoicesPageByPage() {
        stub(get(urlPathEqualTo(API + "/Invoices")).withQueryParam("page", equalTo("2")),
                okJson(payload("invoices-get.json")));

        XeroPage<XeroInvoice> page = xeroPort.getInvoices(admin.orgId(), 2, null);

        assertThat(page.page()).isEqualTo(2);
        assertThat(page.last()).isTrue();
        assertThat(page.records()).extracting(XeroInvoice::invoiceNumber)
                .containsExactly("INV-0001", "INV-0002", "INV-0003");
        XeroInvoice authorised = page.records().get(2);
        assertThat(authorised.status()).isEqualTo("AUTHORISED");
        assertThat(authorised.type()).isEqualTo("ACCREC");
        assertThat(authorised.contactName()).isEqualTo("Barney Rubble-83203");
        assertThat(authorised.total()).isEqualTo(new BigDecimal("115.00"));
        assertThat(authorised.amountDue()).isEqualTo(new BigDecimal("115.00"));
        assertThat(authorised.amountPaid()).isEqualTo(new BigDecimal("0.00"));
        assertThat(authorised.date()).isEqualTo(LocalDate.of(2018, 11, 2));
        assertThat(authorised.dueDate()).isEqualTo(LocalDate.of(2018, 11, 7));
        assertThat(authorised.currencyCode()).isEqualTo("NZD");
        assertThat(authorised.updatedAt()).isEqualTo(Instant.ofEpochMilli(1541176648927L));
        assertThat(page.records().get(1).amountPaid()).isEqualTo(new BigDecimal("46.00"));
        xero.server().verify(getRequestedFor(urlPathEqualTo(API + "/Invoices"))
                .withQueryParam("where", equalTo("Type==\"ACCREC\"")).withoutHeader("If-Modified-Since"));
    }

    @Test
    void a429IsWaitedOutForItsRetryAfterThenTriedAgain() {
        String scenario = scenario();
        stub(get(urlPathEqualTo(API + "/Items")).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("waited"), aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withHeader("X-Rate-Limit-Problem", "minute"));
        stub(get(urlPathEqualTo(API + "/Items")).inScenario(scenario).whenScenarioStateIs("waited"),
                okJson(payload("items-get.json")));

        Instant start = Instant.now();
        assertThat(xeroPort.getItems(admin.orgId(), null)).hasSize(2);

        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        xero.server().verify(2, getRequestedFor(urlPathEqualTo(API + "/Items"))
                .withHeader("xero-tenant-id", equalTo(tenant.tenantId())));
    }

    @Test
    void serverErrorsTwiceThenSuccess() {
        String scenario = scenario();
        stub(get(urlPathEqualTo(API + "/Items")).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("once"), aResponse().withStatus(500));
        stub(get(urlPathEqualTo(API + "/Items")).inScenario(scenario).whenScenarioStateIs("once")
                .willSetStateTo("twice"), aResponse().withStatus(503));
        stub(get(urlPathEqualTo(API + "/Items")).inScenario(scenario).whenScenarioStateIs("twice"),
                okJson(payload("items-get.json")));

        assertThat(xeroPort.getItems(admin.orgId(), null)).hasSize(2);
        xero.server().verify(3, getRequestedFor(urlPathEqualTo(API + "/Items"))
                .withHeader("xero-tenant-id", equalTo(tenant.tenantId())));
    }

    @Test
    void serverErrorsForGoodFailAfterThreeTries() {
        stub(get(urlPathEqualTo(API + "/Invoices")), aResponse().withStatus(500));

        assertThatThrownBy(() -> xeroPort.getInvoices(admin.orgId(), 1, null)).isInstanceOf(XeroUnavailable.class)
                .hasMessageContaining("failed 3 times").hasMessageContaining("HTTP 500");
        xero.server().verify(3, getRequestedFor(urlPathEqualTo(API + "/Invoices"))
                .withHeader("xero-tenant-id", equalTo(tenant.tenantId())));
    }

    @Test
    void aTimeoutIsTriedAgain() {
        String scenario = scenario();
        // the test context's timeout is 5 s
        stub(get(urlPathEqualTo(API + "/Items")).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("slow once"), okJson(payload("items-get.json")).withFixedDelay(6000));
        stub(get(urlPathEqualTo(API + "/Items")).inScenario(scenario).whenScenarioStateIs("slow once"),
                okJson(payload("items-get.json")));

        assertThat(xeroPort.getItems(admin.orgId(), null)).hasSize(2);
        xero.server().verify(2, getRequestedFor(urlPathEqualTo(API + "/Items"))
                .withHeader("xero-tenant-id", equalTo(tenant.tenantId())));
    }

    @Test
    void a401RefreshesTheTokenOnceAndTriesAgain() {
        String renewed = "access-renewed-" + UUID.randomUUID();
        // the custom connection's next token is a new one
        xero.server().stubFor(post(urlPathEqualTo("/connect/token")).atPriority(4)
                .withHeader("Authorization", equalTo(tenant.basicAuth()))
                .willReturn(okJson(XeroFake.tokens(renewed, null, 1800))));
        stub(get(urlPathEqualTo(API + "/Items")).withHeader("Authorization", equalTo(tenant.bearer())),
                aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(TOKEN_EXPIRED));
        stub(get(urlPathEqualTo(API + "/Items")).withHeader("Authorization", equalTo("Bearer " + renewed)),
                okJson(payload("items-get.json")));

        assertThat(xeroPort.getItems(admin.orgId(), null)).hasSize(2);
        xero.server().verify(2, postRequestedFor(urlPathEqualTo("/connect/token"))
                .withHeader("Authorization", equalTo(tenant.basicAuth())));
        xero.server().verify(1, getRequestedFor(urlPathEqualTo(API + "/Items"))
                .withHeader("Authorization", equalTo("Bearer " + renewed)));
    }

    @Test
    void validationErrorsInsideA200AreReportedPerItem() {
        String answer = "{\"Id\":\"ae7ef7c8-9024-4d42-8d59-5f26ed3f508b\",\"Status\":\"OK\",\"Items\":["
                + itemOf(payload("items-get.json"), 0) + "," + itemOf(payload("items-put-with-validation-errors.json"), 0)
                + "]}";
        stub(post(urlPathEqualTo(API + "/Items")).withQueryParam("summarizeErrors", equalTo("false")),
                okJson(answer));
        IdempotencyKey key = IdempotencyKey.of(UUID.randomUUID(), 0);

        List<XeroItemSaved> saved = xeroPort.saveItems(admin.orgId(), List.of(
                new XeroItemDraft("123", "Guitars", "Guitars Fender Strat", new BigDecimal("5000.00")),
                new XeroItemDraft("abc65591", "Hello11350", "foobar", new BigDecimal("12.50"))), key);

        assertThat(saved).hasSize(2);
        assertThat(saved.get(0).saved()).isTrue();
        assertThat(saved.get(0).itemId()).isEqualTo(UUID.fromString("c8c54d65-f3f2-452d-926e-bf450b12fb07"));
        assertThat(saved.get(1).saved()).isFalse();
        assertThat(saved.get(1).validationErrors()).containsExactly("Price List Item with Code ''abc'' already exists");
        xero.server().verify(postRequestedFor(urlPathEqualTo(API + "/Items"))
                .withHeader("Idempotency-Key", equalTo(key.value()))
                .withRequestBody(containing("\"Code\":\"abc65591\""))
                .withRequestBody(containing("\"UnitPrice\":12.5")));
    }

    @Test
    void theIdempotencyKeyIsTheSameOnEveryTryOfAWrite() {
        String scenario = scenario();
        stub(post(urlPathEqualTo(API + "/Items")).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("failed once"), aResponse().withStatus(503));
        stub(post(urlPathEqualTo(API + "/Items")).inScenario(scenario).whenScenarioStateIs("failed once"),
                okJson(payload("items-get.json")));
        IdempotencyKey key = IdempotencyKey.of(UUID.randomUUID(), 3);

        List<XeroItemSaved> saved = xeroPort.saveItems(admin.orgId(), List.of(
                new XeroItemDraft("123", "Guitars", null, new BigDecimal("5000.00"))), key);

        assertThat(saved).singleElement().satisfies(item -> assertThat(item.saved()).isTrue());
        xero.server().verify(2, postRequestedFor(urlPathEqualTo(API + "/Items"))
                .withHeader("xero-tenant-id", equalTo(tenant.tenantId())));
        xero.server().verify(2, postRequestedFor(urlPathEqualTo(API + "/Items"))
                .withHeader("xero-tenant-id", equalTo(tenant.tenantId()))
                .withHeader("Idempotency-Key", equalTo(key.value())));
    }

    @Test
    void aValidationExceptionOfTheWholeCallIsNotRetried() {
        stub(post(urlPathEqualTo(API + "/Items")), aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(payload("validation-error-compact.json")));

        assertThatThrownBy(() -> xeroPort.saveItems(admin.orgId(), List.of(new XeroItemDraft("123", "Guitars",
                null, BigDecimal.TEN)), IdempotencyKey.of(UUID.randomUUID(), 0)))
                .isInstanceOf(XeroRejected.class)
                .hasMessageContaining("The document with the supplied id was not found for this endpoint.");
        xero.server().verify(1, postRequestedFor(urlPathEqualTo(API + "/Items"))
                .withHeader("xero-tenant-id", equalTo(tenant.tenantId())));
    }

    @Test
    void batchesAreLimited() {
        List<XeroItemDraft> tooMany = IntStream.rangeClosed(1, XeroPort.MAX_ITEMS_PER_BATCH + 1)
                .mapToObj(i -> new XeroItemDraft("C" + i, "Item " + i, null, BigDecimal.ONE)).toList();
        assertThatThrownBy(() -> xeroPort.saveItems(admin.orgId(), tooMany, IdempotencyKey.of(UUID.randomUUID(), 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void stub(MappingBuilder request, ResponseDefinitionBuilder response) {
        xero.server().stubFor(api(request, tenant).willReturn(response));
    }

    private String scenario() {
        return "scenario-" + tenant.tenantId();
    }

    /** Item {@code index} of a real Items payload, as JSON. */
    private static String itemOf(String itemsPayload, int index) {
        try {
            ObjectMapper json = new ObjectMapper();
            return json.writeValueAsString(json.readTree(itemsPayload).get("Items").get(index));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
